package main

import (
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3";
// otherwise buildVersion reads the module version and VCS revision.
var version = ""

// buildVersion describes the running binary, e.g. "v1.2.3" or
// "(devel) 5c0803f1a2b3".
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if len(s.Value) > 12 {
				s.Value = s.Value[:12]
			}
			v += " " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v
}

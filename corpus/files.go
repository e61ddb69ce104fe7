package corpus

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Size limits of a corpus folder, far above what a plan or an article
// needs (the default corpus is under 1 MiB in all), so that a huge file or
// a link to /dev/zero is a problem rather than the whole memory of the
// process. docs/corpus-format.md states them.
const (
	// MaxFileSize bounds one document or synonyms.txt: 4 MiB.
	MaxFileSize = 4 << 20
	// MaxCorpusSize bounds the documents and synonyms.txt of a folder
	// together: 64 MiB.
	MaxCorpusSize = 64 << 20
)

// isDocument reports whether a file name is a document's (*.md).
func isDocument(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".md") }

// checkSizes refuses, before reading any of them, a folder whose
// documents add up to more than MaxCorpusSize. Sizes are taken from stat
// (following symlinks); files that are not regular are left to
// readRegular.
func checkSizes(fsys fs.FS, root string, entries []fs.DirEntry) error {
	var total int64
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || (name != SynonymsFile && !isDocument(name)) {
			continue
		}
		info, err := fs.Stat(fsys, name)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		total += info.Size()
	}
	if total > MaxCorpusSize {
		return Errors{{File: root, Msg: fmt.Sprintf("the documents add up to %s, over the %s limit for a corpus (remove what planbot need not answer from)",
			mib(total), mib(MaxCorpusSize))}}
	}
	return nil
}

// readRegular reads the file name of fsys if it is a regular file (or a
// symlink to one) of at most MaxFileSize. Otherwise it returns the problem
// to report, without opening anything else, as opening a FIFO would wait
// for a writer and reading a device might never end.
func readRegular(fsys fs.FS, name string) ([]byte, string) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file: %v (check that it is readable, and where a symlink points)", err)
	}
	if kind := notRegular(info.Mode()); kind != "" {
		return nil, fmt.Sprintf("is %s, not a regular file: planbot reads only regular files (or symlinks to them); remove it or put the document itself there", kind)
	}
	if info.Size() > MaxFileSize {
		return nil, tooBig(info.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file: %v (check that it is readable)", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1)) // it may have grown since stat
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file: %v (check that it is readable)", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Sprintf("grew over the %s limit for one file as it was read (split it into several documents)", mib(MaxFileSize))
	}
	return data, ""
}

// notRegular names what a file that is not a regular file is, or "".
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	}
	return "a special file"
}

// tooBig is the problem of a file of size bytes.
func tooBig(size int64) string {
	return fmt.Sprintf("is %d bytes, over the %s limit for one file (split it into several documents)", size, mib(MaxFileSize))
}

// mib writes a size in MiB, e.g. "4 MiB" or "12.5 MiB".
func mib(n int64) string {
	s := fmt.Sprintf("%.1f", float64(n)/(1<<20))
	return strings.TrimSuffix(s, ".0") + " MiB"
}

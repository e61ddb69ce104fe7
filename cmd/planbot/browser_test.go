package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium is the one headless browser the browser tests share, each in
// its own tab: starting it is most of what a browser test costs.
var chromium struct {
	once  sync.Once
	path  string
	alloc context.Context // nil when there is none
	err   error
}

// browser returns a chromedp context on a new tab of a headless chromium,
// or skips the test where there is none (and fails it under CI=true, where
// .ci/chromium.sh must have installed one). The browser ends with the test
// binary (chromedp kills it when its parent dies).
func browser(t *testing.T) context.Context {
	t.Helper()
	chromium.once.Do(startChromium)
	if chromium.path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no chromium for the browser tests: .ci/run installs it with .ci/chromium.sh (as root)")
		}
		t.Skip("no chromium: install it (as root: bash .ci/chromium.sh) or set PLANBOT_TEST_CHROMIUM to run the browser tests")
	}
	if chromium.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("start chromium %s: %v", chromium.path, chromium.err)
		}
		t.Skipf("chromium %s does not start here (%v); the browser tests are skipped", chromium.path, chromium.err)
	}
	ctx, cancelTab := chromedp.NewContext(chromium.alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelTab() })
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("open a chromium tab: %v", err)
	}
	return ctx
}

// startChromium finds and starts the shared browser.
func startChromium() {
	chromium.path = os.Getenv("PLANBOT_TEST_CHROMIUM")
	if chromium.path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				chromium.path = p
				break
			}
		}
	}
	if chromium.path == "" {
		return
	}
	profile, err := os.MkdirTemp("", "planbot-chromium-")
	if err != nil {
		chromium.err = err
		return
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium.path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
	first, _ := chromedp.NewContext(alloc) // the browser lives as long as its first tab
	if chromium.err = chromedp.Do(first); chromium.err == nil {
		chromium.alloc = first
	}
}

// screenshots is the folder PLANBOT_TEST_SCREENSHOTS names, where the
// tests save what the pages look like for a person to check, or "" when
// it is unset: capturing costs a busy 2-core machine seconds, and nobody
// would look at a temporary folder.
func screenshots(t *testing.T) string {
	dir := os.Getenv("PLANBOT_TEST_SCREENSHOTS")
	if dir == "" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves what ctx's tab shows as name in dir, unless dir is "".
func screenshot(t *testing.T, ctx context.Context, dir, name string, shot chromedp.Action[[]byte]) {
	t.Helper()
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// layout is what the page looks like in the browser.
type layout struct {
	ScrollWidth, ClientWidth int
	Versions                 int
	Tops                     []float64 // of each version's box
	Ins, Del                 int
	H1                       string
}

const measure = `(() => {
	const vs = [...document.querySelectorAll('article.version')];
	return {
		ScrollWidth: document.documentElement.scrollWidth,
		ClientWidth: document.documentElement.clientWidth,
		Versions: vs.length,
		Tops: vs.map(v => v.getBoundingClientRect().top),
		Ins: document.querySelectorAll('ins').length,
		Del: document.querySelectorAll('del').length,
		H1: document.querySelector('h1').textContent,
	};
})()`

// TestBrowserPoint21: the page of point 21 shows the three versions, side
// by side at 1280 px and one after another at 390 and 320 px, with the
// changed words marked and nothing wider than the screen.
func TestBrowserPoint21(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	ws := startWebServe(t)
	dir := screenshots(t)
	for _, tt := range []struct {
		width, height int64
		mobile        bool
		sideBySide    bool
	}{
		{1280, 900, false, true},
		{390, 844, true, false},
		{320, 640, true, false},
	} {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			emulate := chromedp.EmulateViewport(tt.width, tt.height)
			if tt.mobile {
				emulate = chromedp.EmulateViewport(tt.width, tt.height, chromedp.EmulateMobile)
			}
			err := chromedp.Do(ctx, emulate,
				chromedp.Navigate(ws.base+"/point/21"),
				chromedp.WaitVisible(chromedp.CSS("article.version")),
			)
			if err != nil {
				t.Fatal(err)
			}
			l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](measure))
			if err != nil {
				t.Fatal(err)
			}
			// the first screen as the reader sees it, and the whole page
			screenshot(t, ctx, dir, fmt.Sprintf("point-21-%d.png", tt.width), chromedp.CaptureScreenshot())
			screenshot(t, ctx, dir, fmt.Sprintf("point-21-%d-full.png", tt.width), chromedp.FullScreenshot(100))
			if l.Versions != 3 {
				t.Errorf("%d px: %d versions shown; want 3", tt.width, l.Versions)
			}
			if l.ScrollWidth > l.ClientWidth {
				t.Errorf("%d px: the page is %d px wide: it scrolls sideways", tt.width, l.ScrollWidth)
			}
			if l.Ins == 0 || l.Del == 0 {
				t.Errorf("%d px: %d insertions and %d deletions marked; want both", tt.width, l.Ins, l.Del)
			}
			if !strings.HasPrefix(l.H1, "Point 21") {
				t.Errorf("%d px: h1 = %q", tt.width, l.H1)
			}
			if len(l.Tops) == 3 {
				same := l.Tops[0] == l.Tops[1] && l.Tops[1] == l.Tops[2]
				stacked := l.Tops[0] < l.Tops[1] && l.Tops[1] < l.Tops[2]
				if tt.sideBySide && !same {
					t.Errorf("%d px: versions at tops %v; want side by side", tt.width, l.Tops)
				}
				if !tt.sideBySide && !stacked {
					t.Errorf("%d px: versions at tops %v; want one after another", tt.width, l.Tops)
				}
			}
		})
	}
	// The other pages fit a 320 px screen too.
	for _, path := range []string{"/", "/sources", "/search?q=army+size", "/point/5?version=plan-20-point-framework"} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile),
			chromedp.Navigate(ws.base+path),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		w, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		sw, cw := w[0], w[1]
		if sw > cw {
			t.Errorf("%s at 320 px is %d px wide: it scrolls sideways", path, sw)
		}
	}
}

// TestBrowserSearchWithoutJavaScript: with scripts disabled, typing a
// question in the search box and pressing Search shows the answer.
func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	ws := startWebServe(t)
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(ws.base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "How big can Ukraine's army be?"),
		chromedp.Click(chromedp.CSS(`form[role=search] button`)),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	)
	if err != nil {
		t.Fatal(err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("ol.hits h2")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(url, "/search?q=How+big+can+Ukraine") {
		t.Errorf("the form went to %s; want /search?q=…", url)
	}
	if !strings.Contains(first, "§6") {
		t.Errorf("first hit %q; want point 6 (armed forces)", first)
	}
}

// TestBrowserAnswerLink: the "Read on the web" button under an /ask
// answer opens the page of the point the answer shows.
func TestBrowserAnswerLink(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	ws := startWebServe(t)
	link := ws.ask(t, "Will Ukraine join NATO?")
	err := chromedp.Do(ctx,
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if url != link || !strings.Contains(h1, "Point 7") || !strings.Contains(strings.ToLower(h1), "nato") {
		t.Errorf("the link %s opened %s titled %q; want point 7 (NATO)", link, url, h1)
	}
}

// TestBrowserColourScheme: the pages follow prefers-color-scheme, light
// by default and dark when the reader's system asks for it.
func TestBrowserColourScheme(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	ws := startWebServe(t)
	dir := screenshots(t)
	for _, scheme := range []string{"light", "dark"} {
		err := chromedp.Do(ctx,
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				})
				return err
			}),
			chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(ws.base+"/point/6"),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, dir, "point-6-390-"+scheme+".png", chromedp.CaptureScreenshot())
		want := map[string]string{"light": "rgb(253, 253, 252)", "dark": "rgb(22, 24, 28)"}[scheme]
		if bg != want {
			t.Errorf("%s scheme: body background %s; want %s", scheme, bg, want)
		}
	}
}

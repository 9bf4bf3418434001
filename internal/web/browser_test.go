package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/lac-dns-observatory/dnsobs/internal/indicators"
	"github.com/lac-dns-observatory/dnsobs/internal/testenv"
)

// screenshotDir, when set (DNSOBS_SCREENSHOTS=DIR), receives PNGs of the
// overview, a country page and a domain page (docs/ in the README).
const screenshotEnv = "DNSOBS_SCREENSHOTS"

// browser starts Debian's headless Chromium and returns a context driving
// one tab, and the console errors seen so far.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		testenv.Unavailable(t, "chromium is not installed (Debian package chromium; scripts/install-test-deps.sh installs it)")
	}
	// Chromium's own temporary files (org.chromium.Chromium.*) go into the
	// test's directory too, so none is left in /tmp.
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Env("TMPDIR="+t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	var mu sync.Mutex
	var errs []string
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				errs = append(errs, fmt.Sprintf("console.%s %d args", e.Type, len(e.Args)))
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				errs = append(errs, fmt.Sprintf("log: %s %s", e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// pageIndicators reads the data-indicator elements of the page.
const pageIndicators = `Object.fromEntries([...document.querySelectorAll('[data-indicator]')].map(e => [e.dataset.indicator, e.dataset.value]))`

// css is a CSS selector (querySelector).
type css = chromedp.CSS

func TestBrowser(t *testing.T) {
	chk, _ := labChecker(t)
	_, ts := newTestServer(t, Config{Check: chk, Lab: true, Limits: Limits{ClientEvery: time.Hour, ClientBurst: 1}})
	ctx, consoleErrors := browser(t)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	shot := func(name string) {
		t.Helper()
		dir := os.Getenv(screenshotEnv)
		if dir == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The overview's numbers are the store's (the API's aggregates).
	var region indicators.Indicators
	getJSON(t, ts.URL+"/api/v1/aggregates?run=2", &region)
	do("overview", chromedp.Navigate(ts.URL+"/?run=2"), chromedp.WaitVisible(css(`[data-indicator]`)))
	shot("overview.png")
	got, _ := eval(pageIndicators).(map[string]any)
	// The first page follows the browser's Accept-Language (headless Chromium: en-US).
	if lang := eval(`document.documentElement.lang`); lang != "en" || len(got) != len(indicators.Names) {
		t.Fatalf("overview: lang %v, indicators %v", lang, got)
	}
	for _, name := range indicators.Names {
		want, _ := region.Value(name)
		var v float64
		if _, err := fmt.Sscan(fmt.Sprint(got[name]), &v); err != nil || math.Abs(v-want) > 1e-9 {
			t.Errorf("overview %s = %v, the store says %v", name, got[name], want)
		}
	}
	// The language switch changes the texts.
	do("to Spanish", chromedp.Click(css(`[data-lang=es]`)), chromedp.WaitVisible(css(`html[lang=es] [data-indicator]`)))
	if l := text(`[data-indicator=dnssec_signed_pct] .label`); l != "Firmados con DNSSEC" {
		t.Errorf("after [data-lang=es]: label %q", l)
	}
	do("to English", chromedp.Click(css(`[data-lang=en]`)), chromedp.WaitVisible(css(`html[lang=en] [data-indicator]`)))
	if title := eval(`document.title`); !strings.Contains(fmt.Sprint(title), "LAC DNS Observatory") || text(`[data-indicator=dnssec_signed_pct] .label`) != "DNSSEC signed" {
		t.Errorf("after [data-lang=en]: title %v, label %q", title, text(`[data-indicator=dnssec_signed_pct] .label`))
	}
	do("to Portuguese", chromedp.Click(css(`[data-lang=pt]`)), chromedp.WaitVisible(css(`html[lang=pt] [data-indicator]`)))
	if l := text(`[data-indicator=dnssec_signed_pct] .label`); l != "Assinados com DNSSEC" {
		t.Errorf("after [data-lang=pt]: label %q", l)
	}
	// A country page (Portuguese, from the cookie).
	do("country", chromedp.Navigate(ts.URL+"/countries/CL"), chromedp.WaitVisible(css(`html[lang=pt] [data-indicator]`)))
	do("back to Spanish", chromedp.Click(css(`[data-lang=es]`)), chromedp.WaitVisible(css(`html[lang=es] [data-indicator]`)))
	shot("country.png")
	// Search for a domain leads to its page.
	do("search", chromedp.SetValue(css(`form[role=search] input[name=q]`), "ns-lame.test"),
		chromedp.Submit(css(`form[role=search] input[name=q]`)), chromedp.WaitVisible(css(`[data-finding=NS_LAME]`)))
	shot("domain.png")
	if path := eval(`location.pathname`); path != "/domains/ns-lame.test" {
		t.Errorf("search: at %v", path)
	}
	if d := eval(`document.querySelector('[data-domain]').dataset.domain`); d != "ns-lame.test" {
		t.Errorf("data-domain %v", d)
	}
	// The on-demand check works, then is rate-limited (one per client here).
	do("on-demand", chromedp.Navigate(ts.URL+"/search?q=not-yet-seen.test"), chromedp.WaitVisible(css(`form.ondemand`)),
		chromedp.Submit(css(`form.ondemand input[name=domain]`)), chromedp.WaitVisible(css(`[role=status]`)))
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, _, _ := get(t, ts.URL+"/api/v1/ondemand/not-yet-seen.test")
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("on-demand result: %d", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
	do("on-demand result", chromedp.Navigate(ts.URL+"/domains/not-yet-seen.test"), chromedp.WaitVisible(css(`[data-domain="not-yet-seen.test"]`)),
		chromedp.Navigate(ts.URL+"/search?q=another-one.test"), chromedp.WaitVisible(css(`form.ondemand`)),
		chromedp.Submit(css(`form.ondemand input[name=domain]`)), chromedp.WaitVisible(css(`[role=alert]`)))
	if msg := text(`[role=alert]`); !strings.Contains(msg, "too many") {
		t.Errorf("second on-demand check: %q, want the rate limit's message", msg)
	}
	// No console errors on any page, the catalog and a run included.
	do("catalog and run", chromedp.Navigate(ts.URL+"/checks"), chromedp.WaitVisible(css(`#NS_LAME`)),
		chromedp.Navigate(ts.URL+"/runs/2"), chromedp.WaitVisible(css(`main`)))
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

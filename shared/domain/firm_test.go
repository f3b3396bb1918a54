package domain

import (
	"strings"
	"testing"
)

// TestFirmWebsite: a firm's website is taken as people type it — a bare
// host such as www.nj64.com becomes https://www.nj64.com — while anything
// that is not an http(s) address of a host is refused.
func TestFirmWebsite(t *testing.T) {
	valid := func(website string) FirmInput {
		return FirmInput{Name: "明德律师事务所", Phone: "025-83331234", Website: website, City: "南京"}
	}
	for in, want := range map[string]string{
		"www.nj64.com":                  "https://www.nj64.com",
		"nj64.com":                      "https://nj64.com",
		"  www.nj64.com/about?x=1 ":     "https://www.nj64.com/about?x=1",
		"www.nj64.com:8443":             "https://www.nj64.com:8443",
		"律师.中国":                         "https://律师.中国",
		"xn--fiqs8s.xn--fiqs8s":         "https://xn--fiqs8s.xn--fiqs8s",
		"https://www.nj64.com":          "https://www.nj64.com",
		"http://www.nj64.com/":          "http://www.nj64.com/",
		"HTTPS://www.nj64.com":          "HTTPS://www.nj64.com",
		"https://mingde.example.com/zh": "https://mingde.example.com/zh",
		"":                              "",
	} {
		t.Run("OK/"+in, func(t *testing.T) {
			f := valid(in)
			if err := f.Validate(); err != nil {
				t.Fatalf("Validate(%q) = %v", in, err)
			}
			if f.Website != want {
				t.Fatalf("website %q stored as %q, want %q", in, f.Website, want)
			}
		})
	}
	for _, in := range []string{
		"javascript:alert(1)", "javascript://www.nj64.com/%0aalert(1)", "JavaScript:alert(1)",
		"mailto:office@example.com", "data:text/html,hi", "ftp://www.nj64.com", "file:///etc/passwd",
		"nj64", "localhost", "localhost:3000", "http://localhost", "https://", "//www.nj64.com",
		"www.nj64.com with space", "https://www.nj64.com/a b", "www.nj64.com\x00", "www..nj64.com",
		"-nj64.com", "nj64-.com", "nj64.com:abc", "nj64.com:99999", "127.0.0.1", "https://[::1]/",
		"https://www.nj64.com@evil.example", "office@example.com", "www.nj64.com\\@evil.example",
		"https://" + strings.Repeat("a", 190) + ".com", "电话 025-83331234",
	} {
		t.Run("Err/"+in, func(t *testing.T) {
			f := valid(in)
			e := AsError(f.Validate())
			if e == nil || e.Code != EInvalid || e.Fields["website"] == "" || len(e.Fields) != 1 {
				t.Fatalf("Validate(%q) = %v, stored %q; want only a website error", in, e, f.Website)
			}
		})
	}
}

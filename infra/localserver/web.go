package localserver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// ContentSecurityPolicy is what the pages may load: only what the product
// serves itself — no CDN, no font service, no inline script or style. In
// AWS, CloudFront's response headers policy in template.yaml sends the same
// policy plus the Cognito domain the sign-in exchanges its code with.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// LocalWebConfig is /config.json of the local server: sign-in through
// POST /local/token. In AWS a CloudFront function answers /config.json
// with the Cognito hosted UI's settings (template.yaml).
const LocalWebConfig = `{"auth":"local"}`

// webTypes are the content types of the files the pages are made of, fixed
// here rather than read from the machine's mime tables so that every
// machine serves the same.
var webTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// NewWeb serves the web pages from dir (the checkout's web/ folder) for GET
// and HEAD: / is index.html, /assets/… the modules, styles and images, and
// /config.json the sign-in settings. Files are read on each request, so an
// edit shows on reload. Anything else — a folder, a dotfile, a path that
// leaves dir — is 404 in the API's envelope.
func NewWeb(dir string) http.Handler {
	return &web{fsys: os.DirFS(dir)}
}

type web struct{ fsys fs.FS }

func (s *web) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	switch {
	case r.URL.Path == "/":
		s.file(w, r, "index.html")
	case r.URL.Path == "/config.json":
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Type", webTypes[".json"])
		http.ServeContent(w, r, "config.json", time.Time{}, strings.NewReader(LocalWebConfig))
	case strings.HasPrefix(r.URL.Path, "/assets/"):
		s.file(w, r, strings.TrimPrefix(r.URL.Path, "/"))
	default:
		api.WriteError(w, r, domain.Errorf(domain.ENotFound, "no such page"))
	}
}

// file serves name (slash-separated, relative to the web folder). The
// pages are plain modules without content hashes in their names, so every
// response is revalidated (no-cache) against a strong ETag of its bytes.
func (s *web) file(w http.ResponseWriter, r *http.Request, name string) {
	ctype, known := webTypes[path.Ext(name)]
	if !fs.ValidPath(name) || !known || hidden(name) {
		api.WriteError(w, r, domain.Errorf(domain.ENotFound, "no such file"))
		return
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		api.WriteError(w, r, domain.Errorf(domain.ENotFound, "no such file"))
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		api.WriteError(w, r, domain.Errorf(domain.ENotFound, "no such file"))
		return
	}
	body, err := io.ReadAll(f)
	if err != nil {
		api.WriteError(w, r, err)
		return
	}
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	http.ServeContent(w, r, name, st.ModTime(), bytes.NewReader(body))
}

// hidden reports whether a path element starts with a dot.
func hidden(name string) bool {
	for _, el := range strings.Split(name, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

// mountWeb adds the pages to the local server's mux: only /, /assets/ and
// /config.json, so no page path can shadow an API route. The pages live in
// the checkout's web/ folder, found as template.yaml is.
func mountWeb(mux *http.ServeMux) {
	root, err := ddblocal.Root()
	if err != nil {
		return
	}
	pages := NewWeb(filepath.Join(root, "web"))
	mux.Handle("GET /{$}", pages)
	mux.Handle("GET /assets/", pages)
	mux.Handle("GET /config.json", pages)
}

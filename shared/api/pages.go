package api

import (
	"bytes"
	"net/http"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/pages"
)

// The public pages: server-rendered HTML that reads without JavaScript,
// for visitors and search engines (shared/pages lays them out). Every
// answer may be cached a minute (pages.CacheControl), so a new answer or
// an erasure shows within that.

// pageHeaders are the headers of every public page.
func pageHeaders(w http.ResponseWriter, ctype string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", pages.CacheControl)
	h.Set("Content-Security-Policy", pages.ContentSecurityPolicy())
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

func (h *handlers) questionPage(w http.ResponseWriter, r *http.Request) error {
	lang := pages.Lang(r.URL.Query().Get("lang"))
	t, err := h.Service.FindPublicThread(r.Context(), r.PathValue("id"))
	var buf bytes.Buffer
	status := http.StatusOK
	switch {
	case domain.ErrorCode(err) == domain.ENotFound:
		// Private, erased or unknown: the same page, which says nothing.
		status = http.StatusNotFound
		err = pages.NotFound(&buf, lang)
	case err != nil:
		return err
	default:
		err = pages.Question(&buf, t, lang, h.Service.WebOrigin())
	}
	if err != nil {
		return err
	}
	pageHeaders(w, "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
	return nil
}

func (h *handlers) sitemap(w http.ResponseWriter, r *http.Request) error {
	entries, months, err := h.Service.Sitemap(r.Context())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if months != nil {
		err = pages.SitemapIndex(&buf, h.Service.WebOrigin(), months)
	} else {
		err = pages.Sitemap(&buf, h.Service.WebOrigin(), entries)
	}
	if err != nil {
		return err
	}
	pageHeaders(w, "application/xml; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
	return nil
}

func (h *handlers) sitemapMonth(w http.ResponseWriter, r *http.Request) error {
	entries, err := h.Service.SitemapMonth(r.Context(), r.PathValue("month"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pages.Sitemap(&buf, h.Service.WebOrigin(), entries); err != nil {
		return err
	}
	pageHeaders(w, "application/xml; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
	return nil
}

func (h *handlers) robots(w http.ResponseWriter, r *http.Request) error {
	pageHeaders(w, "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(pages.Robots(h.Service.WebOrigin())))
	return nil
}

package domain

import (
	"strings"
	"unicode/utf8"
)

// MaskPhone hides the middle of a phone number: 13800138000 → 138****8000.
func MaskPhone(p string) string {
	n := len(p)
	if n <= 7 {
		return strings.Repeat("*", n)
	}
	return p[:3] + strings.Repeat("*", n-7) + p[n-4:]
}

// MaskEmail keeps the first letter and the domain: li@example.com → l***@example.com.
func MaskEmail(e string) string {
	at := strings.LastIndex(e, "@")
	if at < 1 {
		return strings.Repeat("*", utf8.RuneCountInString(e))
	}
	r, _ := utf8.DecodeRuneInString(e)
	return string(r) + "***" + e[at:]
}

// MaskName keeps the first character (the family name in Chinese): 李小龙 → 李**.
func MaskName(n string) string {
	r, size := utf8.DecodeRuneInString(n)
	if size == 0 {
		return ""
	}
	rest := utf8.RuneCountInString(n[size:])
	if rest < 1 {
		rest = 1
	}
	if rest > 4 {
		rest = 4
	}
	return string(r) + strings.Repeat("*", rest)
}

package textfeat

import "strings"

// Stem reduces an English word to a stem with step 1 (plurals, -ed, -ing,
// final y) and step 5a (final e) of Porter's algorithm, so that fired/fire,
// divorced/divorce/divorcing, leases/lease, injuries/injury meet. Words of
// three letters or fewer, and words containing digits, are returned as they
// are.
func Stem(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789") {
		return w
	}
	b := []byte(w)
	// step 1a
	switch {
	case hasSuffix(b, "sses"):
		b = b[:len(b)-2]
	case hasSuffix(b, "ies"):
		b = b[:len(b)-2]
	case hasSuffix(b, "ss"):
	case hasSuffix(b, "us"), hasSuffix(b, "is"):
		// status, basis: not plurals (a small deviation from Porter)
	case hasSuffix(b, "s"):
		b = b[:len(b)-1]
	}
	// step 1b
	extra := false
	switch {
	case hasSuffix(b, "eed"):
		if measure(b[:len(b)-3]) > 0 {
			b = b[:len(b)-1]
		}
	case hasSuffix(b, "ed"):
		if hasVowel(b[:len(b)-2]) {
			b = b[:len(b)-2]
			extra = true
		}
	case hasSuffix(b, "ing"):
		if hasVowel(b[:len(b)-3]) {
			b = b[:len(b)-3]
			extra = true
		}
	}
	if extra {
		switch {
		case hasSuffix(b, "at"), hasSuffix(b, "bl"), hasSuffix(b, "iz"):
			b = append(b, 'e')
		case doubleConsonant(b) && !hasSuffix(b, "l") && !hasSuffix(b, "s") && !hasSuffix(b, "z"):
			b = b[:len(b)-1]
		case measure(b) == 1 && cvc(b):
			b = append(b, 'e')
		}
	}
	// step 1c
	if hasSuffix(b, "y") && hasVowel(b[:len(b)-1]) {
		b[len(b)-1] = 'i'
	}
	// step 5a
	if hasSuffix(b, "e") {
		stem := b[:len(b)-1]
		if m := measure(stem); m > 1 || m == 1 && !cvc(stem) {
			b = stem
		}
	}
	return string(b)
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

func isConsonant(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isConsonant(b, i-1)
	}
	return true
}

// measure counts the VC sequences of b ([C](VC)^m[V]).
func measure(b []byte) int {
	m := 0
	i := 0
	for i < len(b) && isConsonant(b, i) {
		i++
	}
	for i < len(b) {
		for i < len(b) && !isConsonant(b, i) {
			i++
		}
		if i >= len(b) {
			break
		}
		for i < len(b) && isConsonant(b, i) {
			i++
		}
		m++
	}
	return m
}

func hasVowel(b []byte) bool {
	for i := range b {
		if !isConsonant(b, i) {
			return true
		}
	}
	return false
}

func doubleConsonant(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && isConsonant(b, n-1)
}

// cvc: b ends consonant-vowel-consonant, the last not w, x or y.
func cvc(b []byte) bool {
	n := len(b)
	if n < 3 || !isConsonant(b, n-1) || isConsonant(b, n-2) || !isConsonant(b, n-3) {
		return false
	}
	switch b[n-1] {
	case 'w', 'x', 'y':
		return false
	}
	return true
}

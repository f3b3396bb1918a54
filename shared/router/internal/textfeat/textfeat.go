// Package textfeat normalises visitor text and extracts the features shared by
// the practice-area router (shared/router) and its offline trainer
// (shared/router/internal/train). Both sides must see exactly the same
// features, which is why this code lives in one place.
//
// Normalisation, in order:
//   - only the first MaxRunes runes are considered (bounded work for any
//     input), and Han characters only among the first MaxHanRunes;
//   - full-width ASCII (Ａ-Ｚ, ０-９, ！…) becomes half-width, the ideographic
//     space becomes a space;
//   - common traditional characters of legal and everyday text become
//     simplified (離婚 → 离婚, 債務 → 债务, 車禍 → 车祸 …);
//   - Latin letters are lower-cased, apostrophes inside words dropped (won't → wont);
//   - every rune that is neither a Han character nor a Latin letter or digit
//     becomes a separator: punctuation, emoji, symbols and spaces split the
//     text into runs.
//
// The result is a Text: the Han runs (for substring lexicon matching and
// character n-grams) and the Latin/digit tokens (lower-cased, stemmed with
// the first step of Porter's algorithm plus the final-e rule), each token
// with the sentence it is in. Sentences end at . ! ? ; and line breaks (and
// their CJK forms); a sentence is flagged as a question when it ends with a
// question mark, and as the title when the text has several lines and the
// sentence is on the first one (a visitor's title, then the body). Long
// English posts are weighed per sentence (see shared/router).
package textfeat

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRunes is the number of leading runes of a text that are considered.
// English visitors write posts of several paragraphs whose questions come
// last: the limit covers a whole question (title and a body of 5,000 runes,
// domain's limits), and bounds the work for any paste.
const MaxRunes = 6000

// MaxHanRunes: Han characters count only among the first MaxHanRunes runes.
// Chinese visitor questions are a few dozen characters; anything longer is
// pasted material whose beginning carries the question, and the Han
// matching and n-grams cost more per character than English words.
const MaxHanRunes = 1000

// Sentence flags (Text.SentFlags).
const (
	// SentQuestion: the sentence ends with a question mark.
	SentQuestion = 1 << iota
	// SentTitle: the sentence is on the first line of a text of several
	// lines.
	SentTitle
)

// Text is a normalised text.
type Text struct {
	// Han is the Han characters of the text, runs separated by '|'.
	Han string
	// Tokens are the Latin/digit words, lower-cased; Stems are the same
	// words stemmed (same length and order as Tokens).
	Tokens []string
	Stems  []string
	// Sent is the sentence index of each token (same length as Tokens);
	// SentFlags has one entry per sentence index up to the last token's:
	// SentQuestion, SentTitle.
	Sent      []int32
	SentFlags []uint8
}

// Normalize normalises s (see the package comment).
func Normalize(s string) Text {
	var han strings.Builder
	var tok strings.Builder
	var t Text
	han.Grow(len(s))
	lastSep := true     // avoid leading and repeated '|'
	var sent int32      // current sentence
	sentHasTok := false // the current sentence has a token
	firstLine := true   // still on the first line
	titleToks := 0      // tokens on the first line
	flushTok := func() {
		if tok.Len() > 0 {
			w := tok.String()
			t.Tokens = append(t.Tokens, w)
			t.Stems = append(t.Stems, Stem(w))
			t.Sent = append(t.Sent, sent)
			if !sentHasTok {
				t.SentFlags = append(t.SentFlags, 0)
				sentHasTok = true
			}
			tok.Reset()
		}
	}
	endSent := func(r rune) {
		switch {
		case sentHasTok:
			if r == '?' {
				t.SentFlags[sent] |= SentQuestion
			}
			sent++
			sentHasTok = false
		case r == '?' && sent > 0:
			t.SentFlags[sent-1] |= SentQuestion // "why!?"
		}
	}
	sepHan := func() {
		if !lastSep {
			han.WriteByte('|')
			lastSep = true
		}
	}
	n := 0
	for i := 0; i < len(s) && n < MaxRunes; n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = foldRune(r)
		switch {
		case r == '\'' || r == '’':
			// inside a word: drop (won't → wont); elsewhere a separator
			if tok.Len() == 0 {
				sepHan()
			}
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			tok.WriteRune(r)
			sepHan()
		case unicode.Is(unicode.Han, r):
			flushTok()
			if n >= MaxHanRunes {
				sepHan()
				continue
			}
			han.WriteRune(r)
			lastSep = false
		case unicode.IsLetter(r) && r < 0x250: // accented Latin: keep as letter
			tok.WriteRune(unicode.ToLower(r))
			sepHan()
		default:
			flushTok()
			sepHan()
			switch r {
			case '\n':
				endSent(r)
				if firstLine && len(t.Tokens) > 0 {
					firstLine = false
					titleToks = len(t.Tokens)
					for i := range t.SentFlags {
						t.SentFlags[i] |= SentTitle
					}
				}
			case '.', '!', '?', ';', '。', '！', '；', '…':
				endSent(r)
			}
		}
	}
	flushTok()
	if firstLine || titleToks == len(t.Tokens) {
		// one line: no title
		for i := range t.SentFlags {
			t.SentFlags[i] &^= SentTitle
		}
	}
	t.Han = strings.TrimSuffix(han.String(), "|")
	return t
}

// foldRune maps full-width ASCII to ASCII, upper case to lower case and
// traditional characters to simplified ones.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	if r >= 0x3400 {
		if s, ok := t2s[r]; ok {
			return s
		}
	}
	return r
}

// HanNgrams calls fn for every character n-gram (minN ≤ n ≤ maxN) of the
// Han runs of han (as produced by Normalize). N-grams never cross a run
// boundary. The strings passed to fn are substrings of han (no allocation).
func HanNgrams(han string, minN, maxN int, fn func(gram string)) {
	for len(han) > 0 {
		run := han
		if k := strings.IndexByte(han, '|'); k >= 0 {
			run, han = han[:k], han[k+1:]
		} else {
			han = ""
		}
		for i := 0; i < len(run); {
			j := i
			for n := 1; n <= maxN && j < len(run); n++ {
				_, size := utf8.DecodeRuneInString(run[j:])
				j += size
				if n >= minN {
					fn(run[i:j])
				}
			}
			_, size := utf8.DecodeRuneInString(run[i:])
			i += size
		}
	}
}

// stopChars are function characters of questions: pronouns, particles,
// question words, modal verbs and the like. They carry no practice area.
const stopChars = "的地得了着过吗呢吧啊呀哦嗯么嘛哈" +
	"我你您他她它们咱自己人家" +
	"这那哪此其该某每各" +
	"是在有没无不别非" +
	"怎什为何谁啥咋几多少" +
	"可以能会要想应须需得该" +
	"请问如若果但而且并和与及或跟同" +
	"被把给对从向到于就都也还又再很太更最" +
	"个一二三两些点次种样下上中里内外后前时候" +
	"吗办做说看知道告诉帮助找"

var stopSet = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range stopChars {
		m[r] = true
	}
	return m
}()

// IsStopGram reports whether every character of the n-gram g is a function
// character (怎么办, 可以吗, 我的, 什么): such n-grams say how a question is
// asked, not what it is about, and are left out of the statistical model.
func IsStopGram(g string) bool {
	for _, r := range g {
		if !stopSet[r] {
			return false
		}
	}
	return true
}

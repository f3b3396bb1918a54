package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redaction markers: what replaces personal data in public text, in the
// language of the text it stands in.
const (
	RedactedZH = "[已隐藏]"
	RedactedEN = "[hidden]"
)

// Redact is the one redaction function for public text (question titles
// and bodies, the firms' pool, and every public surface to come): it
// replaces Chinese mobile numbers in the forms people type (spaces,
// dashes, dots, a +86 or 86 prefix), landlines with an area code, e-mail
// addresses, 18-digit resident ID numbers with a valid checksum, bank card
// numbers that pass the Luhn check, WeChat IDs and QQ numbers after their
// cue words (findHandles), and the asker's own names wherever they
// appear, by RedactedZH (RedactedEN in text without Chinese). Numbers
// spelled in Chinese numerals or circled digits are numbers too (a second
// reading of the text, see normalize).
// Statute articles (第二百五十三条, 第31条), years, amounts, dates and case
// numbers ((2023)苏01民终1234号) stay as they are: they are not long
// enough, or lack the shape or the checksum of an identifier.
//
// Full-width digits and separators count as their ASCII twins, so "１３８
// ００１３ ８０００" is a phone number too; every kind of space counts as a
// space, and characters that show nothing (zero-width spaces and joiners,
// soft hyphens, combining marks) are read past, so that text which reads
// as a phone number, an address or the asker's name on the page is one
// here too. Names shorter than two
// characters are not looked for (a family name alone names nobody).
func Redact(text string, names ...string) string {
	if text == "" {
		return text
	}
	marker := RedactedEN
	if hasHan(text) {
		marker = RedactedZH
	}
	n := normalize(text, false)
	var spans []span // in text
	for _, sp := range append(append(findEmails(n.s), findNumbers(n.s)...), findHandles(n.s)...) {
		spans = append(spans, n.span(sp))
	}
	if spellsDigits(text) {
		spelled := normalize(text, true)
		for _, sp := range findNumbers(spelled.s) {
			spans = append(spans, spelled.span(sp))
		}
	}
	for _, name := range nameVariants(names) {
		for _, sp := range findName(n.s, name) {
			spans = append(spans, n.span(sp))
		}
	}
	if len(spans) == 0 {
		return text
	}
	return replace(text, merge(spans), marker)
}

// ContainsContact reports whether text holds a phone number, an e-mail
// address, an ID or bank card number or a messaging handle (a WeChat ID,
// a QQ number), typed or spelled: what lawyers may not publish.
func ContainsContact(text string) bool {
	s := normalize(text, false).s
	return len(findEmails(s)) > 0 || len(findNumbers(s)) > 0 || len(findHandles(s)) > 0 ||
		spellsDigits(text) && len(findNumbers(normalize(text, true).s)) > 0
}

// spellsDigits reports whether text holds a digit spelled (spelledDigit):
// only then does the second reading find anything the first does not.
func spellsDigits(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { _, ok := spelledDigit(r); return ok }) >= 0
}

type span struct{ start, end int }

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isAlnum(b byte) bool {
	return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

var emailPattern = lazyRegexp(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

func findEmails(s string) []span {
	var out []span
	for _, loc := range emailPattern().FindAllStringIndex(s, -1) {
		out = append(out, span{loc[0], loc[1]})
	}
	return out
}

// A messaging handle is what follows a cue word, past separators: 微信
// (and the homophones people write to slip past filters), v信, vx, wx,
// QQ, 扣扣, WeChat, Weixin. An ID of five to twelve digits (a QQ number, a
// phone number as WeChat ID) not followed by a unit (an amount: 20000元)
// or a WeChat ID (a letter, then five to
// nineteen letters, digits, _ or -) is one. After a Latin cue word, a
// WeChat ID of letters only counts when a colon, 号, 是 or 为 stands
// between, so that "WeChat account" and "my WeChat is frozen" stay words;
// a wxid_… ID is one wherever it stands.
var (
	strongCues = []string{"微信", "威信", "薇信", "维信", "v信", "vx", "wx", "扣扣", "企鹅"}
	latinCues  = []string{"wechat", "weixin", "qq"}
	linkWords  = []string{"号码", "账号", "号", "是", "为", "id", "is"}
)

// findHandles returns the spans of the messaging handles in s (normalized:
// full-width letters and colons are ASCII).
func findHandles(s string) []span {
	low := asciiLower(s)
	var out []span
	for i := 0; i < len(low); i++ {
		if strings.HasPrefix(low[i:], "wxid_") && (i == 0 || !isHandleByte(low[i-1])) {
			if j := handleEnd(low, i+5); j > i+5 {
				out = append(out, span{i, j})
				i = j - 1
				continue
			}
		}
		cue, strong := cueAt(low, i)
		if cue == 0 {
			continue
		}
		j, linked := i+cue, false
		for k := 0; k < 6 && j < len(low); k++ {
			if c := low[j]; c == ' ' || c == ':' || c == ',' || c == '=' || c == '-' {
				linked = linked || c == ':' || c == '='
				j++
				continue
			}
			w := ""
			for _, lw := range linkWords {
				if strings.HasPrefix(low[j:], lw) && (lw[0] >= 0x80 || j+len(lw) == len(low) || !isHandleByte(low[j+len(lw)])) {
					w = lw
					break
				}
			}
			if w == "" {
				break
			}
			// 号, 是, 为 link a cue to its ID; "is" and "id" may just as
			// well run on into a sentence ("my WeChat is frozen").
			linked, j = linked || w[0] >= 0x80, j+len(w)
		}
		end := handleEnd(low, j)
		id := low[j:end]
		switch {
		case len(id) >= 5 && len(id) <= 12 && strings.Trim(id, "0123456789") == "" && !unitAt(s, end):
		case len(id) >= 6 && len(id) <= 20 && 'a' <= id[0] && id[0] <= 'z' &&
			(strong || linked || strings.ContainsAny(id, "0123456789_-")):
		default:
			continue
		}
		out = append(out, span{j, end})
		i = end - 1
	}
	return out
}

// cueAt returns the length of the cue word at s[i:] (0: none) and whether
// it is a strong one. A Latin cue must not be the end of a longer word.
func cueAt(s string, i int) (int, bool) {
	if i > 0 && isASCIILetter(s[i-1]) {
		return 0, false
	}
	for _, c := range strongCues {
		if strings.HasPrefix(s[i:], c) && (c[len(c)-1] >= 0x80 || i+len(c) == len(s) || !isASCIILetter(s[i+len(c)])) {
			return len(c), true
		}
	}
	for _, c := range latinCues {
		if strings.HasPrefix(s[i:], c) && (i+len(c) == len(s) || !isASCIILetter(s[i+len(c)])) {
			return len(c), false
		}
	}
	return 0, false
}

// unitAt reports whether a unit or a counter word follows at s[i:] (元,
// 万, 次, 年 …): the digits before it are an amount or a count, not an ID
// (微信转账 20000元).
func unitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return strings.ContainsRune("元块圆万千百亿次年月日天个人分秒条号岁米斤克笔倍份", r) || (i < len(s) && (s[i] == '%' || s[i] == '.'))
}

// handleEnd is where the handle starting at i ends.
func handleEnd(s string, i int) int {
	for i < len(s) && isHandleByte(s[i]) {
		i++
	}
	return i
}

func isHandleByte(b byte) bool { return isAlnum(b) || b == '_' || b == '-' }

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// group is a run of digits in a number as typed: "138 1234 5678" has three.
type group struct {
	start, end int // the span in the text, a leading + or ( and a closing ) included
	digits     string
}

// findNumbers finds identifiers among the numbers of s. People type them
// in groups ("138 1234 5678", "+86-138-1234-5678", "138.0013.8000", "(025) 8333 1234",
// "6222 0212 3456 7890"), so each run of digit groups joined by spaces,
// dashes or brackets is read, and every stretch of whole groups in it is
// checked against the identifiers' shapes and check digits; the longest
// stretches win. A stretch never splits a group, so digits glued to other
// digits (an order number, an amount) are not read as a phone number.
func findNumbers(s string) []span {
	var out []span
	for i := 0; i < len(s); {
		groups, next := numberRun(s, i)
		if len(groups) == 0 {
			i = next
			continue
		}
		out = append(out, identifiers(groups)...)
		i = next
	}
	return out
}

// numberRun reads the run of digit groups starting at i (nothing if no
// digit starts there) and returns it with where reading goes on.
func numberRun(s string, i int) ([]group, int) {
	start := i
	if i < len(s) && (s[i] == '+' || s[i] == '(') {
		i++
	}
	if i >= len(s) || !isDigit(s[i]) || (start > 0 && isDigit(s[start-1])) {
		return nil, start + 1
	}
	var groups []group
	for {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		// A resident ID ends in X.
		if j < len(s) && (s[j] == 'X' || s[j] == 'x') && (j+1 == len(s) || !isAlnum(s[j+1])) {
			j++
		}
		g := group{start: start, end: j, digits: strings.ToUpper(s[i:j])}
		if j < len(s) && s[j] == ')' {
			g.end = j + 1
		}
		groups = append(groups, g)
		// Up to three separators, then the next group.
		k := g.end
		for k < len(s) && k-g.end < 3 && (s[k] == ' ' || s[k] == '-' || s[k] == '.' || s[k] == '(' || s[k] == ')') {
			k++
		}
		closed := s[g.end-1] == ')'
		if (k == g.end && !closed) || k >= len(s) || !isDigit(s[k]) || strings.HasSuffix(g.digits, "X") {
			return groups, g.end
		}
		start, i = k, k
		if s[k-1] == '(' {
			start = k - 1
		}
	}
}

// identifiers picks, among the stretches of whole groups, those shaped
// like an identifier, longest first, none overlapping another.
func identifiers(groups []group) []span {
	type cand struct{ i, j, n int }
	var cands []cand
	for i := range groups {
		digits := ""
		for j := i; j < len(groups); j++ {
			digits += groups[j].digits
			if len(digits) > 19 {
				break
			}
			if isIdentifier(groups[i:j+1], digits) {
				cands = append(cands, cand{i, j, len(digits)})
			}
		}
	}
	for a := 1; a < len(cands); a++ {
		for b := a; b > 0 && cands[b].n > cands[b-1].n; b-- {
			cands[b], cands[b-1] = cands[b-1], cands[b]
		}
	}
	taken := make([]bool, len(groups))
	var out []span
	for _, c := range cands {
		free := true
		for k := c.i; k <= c.j; k++ {
			free = free && !taken[k]
		}
		if !free {
			continue
		}
		for k := c.i; k <= c.j; k++ {
			taken[k] = true
		}
		out = append(out, span{groups[c.i].start, groups[c.j].end})
	}
	return out
}

// isIdentifier reports whether digits, typed as groups, are a resident ID,
// a bank card, a mobile or a landline number.
func isIdentifier(groups []group, digits string) bool {
	if strings.Contains(digits[:len(digits)-1], "X") {
		return false
	}
	switch {
	case validResidentID(digits), luhn(digits), mobile(digits):
		return true
	}
	// A landline: an area code (0 and two or three digits) and a number of
	// seven or eight digits, typed together or as code and number.
	if len(digits) < 10 || len(digits) > 12 || digits[0] != '0' || digits[1] == '0' {
		return false
	}
	if len(groups) == 1 {
		return true
	}
	code := len(groups[0].digits)
	return code >= 3 && code <= 4 && len(digits)-code >= 7 && len(digits)-code <= 8
}

// mobile reports a Chinese mobile number, with or without 86 or 0086.
func mobile(d string) bool {
	d = strings.TrimPrefix(d, "00")
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && !strings.Contains(d, "X")
}

// validResidentID checks the ISO 7064 MOD 11-2 check character of an
// 18-character resident ID number.
func validResidentID(id string) bool {
	if len(id) != 18 || id[0] == '0' {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if !isDigit(id[i]) {
			return false
		}
		sum += int(id[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11] == id[17]
}

// luhn reports whether a card number (16 to 19 digits) passes the Luhn
// check.
func luhn(digits string) bool {
	if len(digits) < 16 || len(digits) > 19 {
		return false
	}
	sum := 0
	for i := 0; i < len(digits); i++ {
		c := digits[len(digits)-1-i]
		if !isDigit(c) {
			return false
		}
		d := int(c - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// nameVariants returns what to look for of the asker's names: each name as
// given and without spaces, and of a Chinese name of three or more
// characters also the given name (李小龙 → 小龙), unless the "name" is a
// family name with a title (王先生, 李女士); of a Latin name each part of
// three letters or more, and a two-part one in either order. Longest first, so a full name wins over its part.
func nameVariants(names []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(v string) {
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) >= 2 && !seen[strings.ToLower(v)] {
			seen[strings.ToLower(v)] = true
			out = append(out, v)
		}
	}
	for _, name := range names {
		name = normalize(strings.TrimSpace(strings.ToValidUTF8(name, "")), false).s
		add(name)
		compact := strings.Join(strings.Fields(name), "")
		add(compact)
		if hasHan(compact) {
			r := []rune(compact)
			if len(r) >= 3 && !hasTitle(compact) {
				add(string(r[1:]))
			}
			continue
		}
		parts := strings.Fields(name)
		if len(parts) == 2 {
			add(parts[1] + " " + parts[0]) // Li Lei or Lei Li
		}
		for _, part := range parts {
			if utf8.RuneCountInString(part) >= 3 {
				add(part)
			}
		}
	}
	// Longest first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var titles = []string{"先生", "女士", "小姐", "老师", "师傅", "同学", "律师", "阿姨", "大哥", "大姐", "老板"}

func hasTitle(name string) bool {
	for _, t := range titles {
		if strings.HasSuffix(name, t) {
			return true
		}
	}
	return false
}

// findName returns the spans where name occurs in s: anywhere for a
// Chinese name (Chinese has no spaces between words), as a whole word and
// in any case for a Latin one.
func findName(s, name string) []span {
	var out []span
	han := hasHan(name)
	hay, needle := s, name
	if !han {
		hay, needle = asciiLower(s), asciiLower(name)
	}
	for pos := 0; pos < len(hay); {
		i := strings.Index(hay[pos:], needle)
		if i < 0 {
			break
		}
		start, end := pos+i, pos+i+len(needle)
		if han || ((start == 0 || !isAlnum(hay[start-1])) && (end == len(hay) || !isAlnum(hay[end]))) {
			out = append(out, span{start, end})
		}
		pos = end
	}
	return out
}

// asciiLower lowers ASCII letters only, so byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// merge sorts spans and joins those that overlap or touch.
func merge(spans []span) []span {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].start < spans[j-1].start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.start <= last.end {
			if sp.end > last.end {
				last.end = sp.end
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// normalized is text with full-width digits, letters and separators
// turned into ASCII (so one pattern finds both), every space a plain one,
// without the characters that show nothing, and for every byte of the
// normalized text the offset in the original where its character starts.
type normalized struct {
	s    string
	orig []int // orig[i]: offset in the original of normalized byte i; orig[len(s)] = len(original)
}

// normalize returns text as normalized says. With spelled, digits
// written as Chinese numerals (一三八〇〇…, 幺 for one, as phone numbers
// are read out) and circled digits (①, ❶, ➀) are ASCII digits too: a
// second reading of the text, for the numbers spelled so. It is kept
// apart from the first so that a numeral beside typed digits
// (第一13800138000) does not glue onto them and hide them.
func normalize(text string, spelled bool) normalized {
	var b strings.Builder
	orig := make([]int, 0, len(text)+1)
	for i, r := range text {
		if spelled {
			if d, ok := spelledDigit(r); ok {
				b.WriteByte(d)
				orig = append(orig, i)
				continue
			}
		}
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: １３８, ＋, （, ＠
			r -= 0xFEE0
		case r == '—', r == '–', r == '‐':
			r = '-'
		case unicode.Is(unicode.Zs, r): // no-break, ideographic, thin, en, em… spaces
			r = ' '
		case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me):
			// Shows nothing (a zero-width space or joiner, a soft hyphen,
			// a combining mark): read past, so that "138\u200b0013 8000",
			// which reads as a phone number, is one. It stays in the text
			// (within a span it goes with it).
			continue
		case r == utf8.RuneError:
			// Invalid bytes stay one byte each, so offsets stay exact.
			if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
				b.WriteByte(text[i])
				orig = append(orig, i)
				continue
			}
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			orig = append(orig, i)
		}
	}
	orig = append(orig, len(text))
	return normalized{s: b.String(), orig: orig}
}

// span maps a span of the normalized text to the original.
func (n normalized) span(sp span) span { return span{n.orig[sp.start], n.origEnd(sp.end)} }

// replace puts marker over each span of text (sorted, not overlapping).
func replace(text string, spans []span, marker string) string {
	var b strings.Builder
	prev := 0
	for _, sp := range spans {
		b.WriteString(text[prev:sp.start])
		b.WriteString(marker)
		prev = sp.end
	}
	b.WriteString(text[prev:])
	return b.String()
}

// spelledDigit is the digit r spells: a Chinese numeral or a circled
// digit.
func spelledDigit(r rune) (byte, bool) {
	switch r {
	case '〇', '零', '○', '⓪':
		return '0', true
	case '一', '幺':
		return '1', true
	case '二':
		return '2', true
	case '三':
		return '3', true
	case '四':
		return '4', true
	case '五':
		return '5', true
	case '六':
		return '6', true
	case '七':
		return '7', true
	case '八':
		return '8', true
	case '九':
		return '9', true
	}
	for _, first := range []rune{'①', '❶', '➀', '➊'} {
		if r >= first && r < first+9 {
			return byte('1' + r - first), true
		}
	}
	return 0, false
}

// origEnd maps the end of a normalized span to the original: the start of
// the next character.
func (n normalized) origEnd(end int) int {
	if end >= len(n.s) {
		return n.orig[len(n.s)]
	}
	return n.orig[end]
}

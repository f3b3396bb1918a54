package router

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzClassify: the router classifies whatever a visitor types or pastes
// (the live suggestion calls it on every pause), so for any text — invalid
// UTF-8 and pastes far beyond MaxRunes included — it must not panic, must
// answer either ErrNoSignal or the 14 areas with finite scores in [0, 1]
// summing to 1, best first (checkCandidates), and must ignore everything
// after the first MaxRunes runes, which is what bounds its cost.
func FuzzClassify(f *testing.F) {
	for _, s := range benchTexts {
		f.Add(s)
	}
	for _, s := range []string{
		"", "你好", "13800138000", "😀😂🙏", "離婚後孩子撫養費怎麼算", "ＡＰＰ泄露个人信息", "MY LANDLORD WON’T RETURN MY DEPOSIT!!!",
		"离婚\xff\xfe工资", "\xe7\xa6", "divorce'", "won't'", "劳动合同|离婚", strings.Repeat("离婚", 600),
		strings.Repeat("a", MaxRunes-1) + " divorce",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cands, err := shared.Classify(text)
		switch {
		case errors.Is(err, ErrNoSignal):
			if cands != nil {
				t.Fatalf("Classify(%q) returned candidates with ErrNoSignal", text)
			}
		case err != nil:
			t.Fatalf("Classify(%q): %v", text, err)
		default:
			checkCandidates(t, text, cands)
		}
		// Separators after the text change nothing, and past MaxRunes runes
		// (an invalid byte counts as one) nothing is read.
		long := text + strings.Repeat("。", MaxRunes) + "离婚 工资 divorce wages"
		cands2, err2 := shared.Classify(long)
		if !errors.Is(err2, err) || !slices.Equal(cands2, cands) {
			t.Fatalf("Classify(%q) = %v, %v; with a long tail %v, %v", text, cands, err, cands2, err2)
		}
	})
}

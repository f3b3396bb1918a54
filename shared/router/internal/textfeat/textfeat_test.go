package textfeat

import (
	"slices"
	"strings"
	"testing"
)

func TestT2SWellFormed(t *testing.T) {
	rs := []rune(t2sPairs)
	if len(rs)%2 != 0 {
		t.Fatalf("t2sPairs has an odd number of runes (%d)", len(rs))
	}
	for trad, simp := range t2s {
		if _, chained := t2s[simp]; chained {
			t.Errorf("%c → %c, but %c is itself mapped", trad, simp, simp)
		}
	}
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] < 0x3400 || rs[i+1] < 0x3400 {
			t.Errorf("pair %d (%q) is not two Han characters", i/2, string(rs[i:i+2]))
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, han, toks string
	}{
		{"離婚後探視權怎麼爭取", "离婚后探视权怎么争取", ""},
		{"ＡＰＰ过度收集个人信息！！", "过度收集个人信息", "app"},
		{"被人骗了2万块，能报警吗?", "被人骗了|万块|能报警吗", "2"},
		{"My landlord won't return my DEPOSIT", "", "my landlord wont return my deposit"},
		{"  😀😀 ！？。", "", ""},
		{"P2P平台暴雷了", "平台暴雷了", "p2p"},
	}
	for _, c := range cases {
		got := Normalize(c.in)
		if got.Han != c.han || strings.Join(got.Tokens, " ") != c.toks {
			t.Errorf("Normalize(%q) = %q %q, want %q %q", c.in, got.Han, got.Tokens, c.han, c.toks)
		}
	}
}

func TestNormalizeBounded(t *testing.T) {
	long := strings.Repeat("离婚", 100000)
	got := Normalize(long)
	if n := len([]rune(got.Han)); n != MaxHanRunes {
		t.Fatalf("normalised %d Han runes, want %d", n, MaxHanRunes)
	}
	got = Normalize(strings.Repeat("divorce ", 100000))
	if n := len(got.Tokens); n != MaxRunes/len("divorce ") {
		t.Fatalf("normalised %d words, want %d", n, MaxRunes/len("divorce "))
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"divorce", "divorced", "divorcing"},
		{"fire", "fired", "firing"},
		{"lease", "leases", "leased"},
		{"injury", "injuries"},
		{"deposit", "deposits"},
		{"accident", "accidents"},
		{"refund", "refunds", "refunded"},
		{"stop", "stopped", "stopping"},
	}
	for _, g := range groups {
		s0 := Stem(g[0])
		for _, w := range g[1:] {
			if s := Stem(w); s != s0 {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q: want equal", g[0], s0, w, s)
			}
		}
	}
}

func TestHanNgrams(t *testing.T) {
	var got []string
	HanNgrams("离婚吗|工伤", 2, 3, func(g string) { got = append(got, g) })
	want := "离婚 离婚吗 婚吗 工伤"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in    string
		sent  []int32
		flags []uint8
	}{
		{"my landlord kept my deposit", []int32{0, 0, 0, 0, 0}, []uint8{0}},
		{"Kept my deposit?\n\nHe says no. Can I sue? 离婚 ok", []int32{0, 0, 0, 1, 1, 1, 2, 2, 2, 3}, []uint8{SentQuestion | SentTitle, 0, SentQuestion, 0}},
		{"Fired.  Why!? I quit… ok; fine\n", []int32{0, 1, 2, 2, 3, 4}, []uint8{0, SentQuestion, 0, 0, 0}},
		{"\n\n  title here\nbody", []int32{0, 0, 1}, []uint8{SentTitle, 0}},
		{"。？", nil, nil},
	}
	for _, c := range cases {
		got := Normalize(c.in)
		if len(got.Sent) != len(got.Tokens) || !slices.Equal(got.Sent, c.sent) || !slices.Equal(got.SentFlags, c.flags) {
			t.Errorf("Normalize(%q): tokens %q sentences %v flags %v, want %v %v", c.in, got.Tokens, got.Sent, got.SentFlags, c.sent, c.flags)
		}
	}
}

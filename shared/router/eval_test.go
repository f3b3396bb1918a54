package router

import (
	"strings"
	"testing"
)

func TestLoadTSV(t *testing.T) {
	in := "id\tquestion\tarea\tstatutes\n7\t离婚了孩子归谁\tfamily\t民法典第一千零八十四条\n\n12\t公司不发工资\tlabor\t\r\n"
	got, err := LoadTSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sample{{7, "离婚了孩子归谁", "family"}, {12, "公司不发工资", "labor"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sample %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// columns found by name; id optional
	got, err = LoadTSV(strings.NewReader("area\tquestion\nfamily\t彩礼\n"))
	if err != nil || len(got) != 1 || got[0].ID != -1 || got[0].Text != "彩礼" {
		t.Errorf("no id column: %v, %v", got, err)
	}
	for _, bad := range []string{
		"",
		"id\ttext\tlabel\n1\tx\tfamily\n",
		"id\tquestion\tarea\n1\t离婚\tmarriage\n",
		"id\tquestion\tarea\nx\t离婚\tfamily\n",
		"id\tquestion\tarea\n1\t离婚\n",
	} {
		if _, err := LoadTSV(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadTSV(%q) accepted", bad)
		}
	}
}

func TestSplit(t *testing.T) {
	lec := loadFile(t, "lecoqa-areas.tsv")
	if len(lec) != 1246 {
		t.Fatalf("%d lecoqa samples, want 1246", len(lec))
	}
	held, train := HeldOut(lec), Training(lec)
	if len(held)+len(train) != len(lec) {
		t.Fatalf("split loses samples")
	}
	for _, s := range held {
		if (s.ID/10)%5 != 0 {
			t.Errorf("id %d held out", s.ID)
		}
	}
	for _, s := range train {
		if (s.ID/10)%5 == 0 {
			t.Errorf("id %d in training", s.ID)
		}
	}
	if f := float64(len(held)) / float64(len(lec)); f < 0.15 || f > 0.25 {
		t.Errorf("held-out share %.2f", f)
	}
}

func TestEvaluate(t *testing.T) {
	samples := []Sample{
		{Text: "老公出轨了想离婚", Area: "family"},
		{Text: "公司拖欠工资", Area: "labor"},
		{Text: "公司拖欠工资", Area: "family"},    // deliberately wrong label
		{Text: "公司拖欠工资", Area: "corporate"}, // wrong, but third
		{Text: "？？？", Area: "debt"},         // no signal: a miss
	}
	rep := Evaluate(New(), samples)
	if rep.Total != 5 || rep.Correct != 2 || rep.NoSignal != 1 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Accuracy() != 0.4 {
		t.Errorf("accuracy %v", rep.Accuracy())
	}
	if fam := rep.PerArea["family"]; fam.Total != 2 || fam.Correct != 1 || fam.Accuracy() != 0.5 {
		t.Errorf("family %+v", fam)
	}
	if len(rep.PerArea) != 14 || rep.Confusion["family"]["labor"] != 1 || rep.Confusion["debt"]["(none)"] != 1 {
		t.Errorf("per area %v, confusion %v", rep.PerArea, rep.Confusion)
	}
	if rep.Top3 != 3 || rep.PerArea["family"].Top3 != 1 || rep.PerArea["corporate"].Top3 != 1 {
		t.Errorf("top-3 %d, family top-3 %d", rep.Top3, rep.PerArea["family"].Top3)
	}
	if !strings.Contains(rep.String(), "top-1 2/5 = 40.0%, top-3 3/5 = 60.0%") {
		t.Errorf("String() = %q", rep.String())
	}
	if (Report{}).Accuracy() != 0 || (AreaReport{}).Accuracy() != 0 {
		t.Error("empty report accuracy not 0")
	}
}

func TestLoadPosts(t *testing.T) {
	in := "# a comment\n\n--- 5 family\nTitle\n\nFirst paragraph.\r\nSecond line.\n\n--- 6 labor\nfired\n"
	got, err := LoadPosts(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sample{{5, "Title\n\nFirst paragraph.\nSecond line.", "family"}, {6, "fired", "labor"}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("post %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{
		"stray text\n--- 1 family\nx\n",
		"--- 1 marriage\nx\n",
		"--- x family\nx\n",
		"--- 1\nx\n",
		"--- 1 family\n\n--- 2 labor\nx\n",
		"--- 1 family\nx\n--- 2 labor\n  \n",
	} {
		if _, err := LoadPosts(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadPosts(%q) accepted", bad)
		}
	}
	if got, err := LoadPosts(strings.NewReader("# only comments\n")); err != nil || len(got) != 0 {
		t.Errorf("comments only: %v, %v", got, err)
	}
}

package domain

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"time"
)

// Matching weights. A match's score is their sum, in [0, 1]:
//
//	has an open slot within MatchHorizon   0.50  (so lawyers without one always rank below)
//	same city as the question              0.20
//	how soon that slot is                  0.15 × (1 − wait/horizon)
//	helped people (completed consults)     0.10 × log(1+n)/log(1+100), capped
//	fairness: less recent matching load    0.05 × (1 − load/most load among the candidates)
//
// City outweighs any difference in slot time; a hundred helped people are
// worth about nine days of waiting; fairness decides between otherwise
// equal lawyers, so they share new questions instead of one taking all.
const (
	WeightHasSlot  = 0.50
	WeightCity     = 0.20
	WeightSoon     = 0.15
	WeightHelped   = 0.10
	WeightFairness = 0.05
	// MatchHorizon is how far ahead an open slot counts.
	MatchHorizon = 14 * 24 * time.Hour
	// HelpedSaturation is the helped count that earns the full weight.
	HelpedSaturation = 100
	// LoadDays is how many days of matching load count.
	LoadDays = 7
	// MaxMatches is how many lawyers a match lists.
	MaxMatches = 10
)

// MatchCredit is the load a match adds to the lawyers it lists first
// (rank 1, 2, 3): being shown first is what the fairness term evens out.
var MatchCredit = []float64{1, 0.5, 0.25}

// Candidate is a lawyer who practises the question's area, with the
// matching load received in that area, per UTC day ("2006-01-02").
type Candidate struct {
	Lawyer    Lawyer
	LoadByDay map[string]float64
}

// Match is one ranked lawyer for a question.
type Match struct {
	Lawyer       PublicLawyer `json:"lawyer"`
	Score        float64      `json:"score"`
	Reasons      []string     `json:"reasons"`
	NextOpenSlot *SlotView    `json:"nextOpenSlot"`
	// SameCity says the lawyer works in the question's city (false when
	// the question names none); Modes are the ways to meet offered: in
	// person only in the same city.
	SameCity bool     `json:"sameCity"`
	Modes    []string `json:"modes"`
}

// ModesWith returns the ways lawyer l may meet the asker of a question in
// city (may be empty): by phone and video always, in person only in the
// same city (or when the question names none).
func ModesWith(l Lawyer, city string) []string {
	if k := CityKey(city); k != "" && CityKey(l.City) != k {
		return []string{ModePhone, ModeVideo}
	}
	return []string{ModePhone, ModeVideo, ModeInPerson}
}

// Rank orders the candidates for a question of area in city (may be
// empty) at time now, best first, at most MaxMatches. Reasons are written
// in lang ("zh" or "en"), times in the viewer's zone tz (the lawyer's when
// ""). firms gives each lawyer's firm contact block.
func Rank(area, city string, candidates []Candidate, firms map[string]FirmContact, now time.Time, lang, questionID, tz string) []Match {
	type scored struct {
		m   Match
		key float64
	}
	out := make([]scored, 0, len(candidates))
	cityKey := CityKey(city)
	// Fairness is relative: the least loaded candidate gets the whole
	// weight, the most loaded none, however busy the area is.
	maxLoad := 0.0
	for _, c := range candidates {
		maxLoad = math.Max(maxLoad, LoadOf(c.LoadByDay, now))
	}
	for _, c := range candidates {
		l := c.Lawyer
		if !l.Active || !l.Practises(area) {
			continue
		}
		score, reasons := 0.0, []string{reasonArea(area, lang)}
		sameCity := cityKey != "" && CityKey(l.City) == cityKey
		modes := ModesWith(l, city)
		switch {
		case sameCity:
			score += WeightCity
			reasons = append(reasons, reasonCity(l.City, lang))
		case cityKey != "":
			reasons = append(reasons, reasonOtherCity(lang))
		}
		var next *SlotView
		if s := l.NextOpenSlot; s != nil && s.Start.After(now) && s.Start.Sub(now) <= MatchHorizon {
			wait := s.Start.Sub(now)
			score += WeightHasSlot + WeightSoon*(1-float64(wait)/float64(MatchHorizon))
			v := s.View(l.TimeZone)
			next = &v
			zone := tz
			if zone == "" {
				zone = l.TimeZone
			}
			reasons = append(reasons, reasonSlot(s.Start, zone, now, lang))
		}
		if l.HelpedCount > 0 {
			score += WeightHelped * math.Min(1, math.Log1p(float64(l.HelpedCount))/math.Log1p(HelpedSaturation))
			reasons = append(reasons, reasonHelped(l.HelpedCount, lang))
		}
		if maxLoad > 0 {
			score += WeightFairness * (1 - LoadOf(c.LoadByDay, now)/maxLoad)
		} else {
			score += WeightFairness
		}
		var fc *FirmContact
		if f, ok := firms[l.FirmID]; ok {
			fc = &f
		}
		pub := l.Public(fc)
		pub.NextOpenSlot = next
		m := Match{Lawyer: pub, Score: math.Round(score*10000) / 10000, Reasons: reasons, NextOpenSlot: next, SameCity: sameCity, Modes: modes}
		// Exact ties are broken by a hash of question and lawyer, so that
		// equal lawyers take turns across questions, never by age or name.
		out = append(out, scored{m: m, key: score + tieBreak(questionID, l.ID)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].key > out[j].key })
	if len(out) > MaxMatches {
		out = out[:MaxMatches]
	}
	matches := make([]Match, len(out))
	for i, s := range out {
		matches[i] = s.m
	}
	return matches
}

// tieBreak is a deterministic value in [0, 1e-6).
func tieBreak(questionID, lawyerID string) float64 {
	h := fnv.New32a()
	h.Write([]byte(questionID + "|" + lawyerID))
	return float64(h.Sum32()) / float64(math.MaxUint32) * 1e-6
}

// Credits returns the load a match gives each of its first lawyers.
func Credits(matches []Match) map[string]float64 {
	out := map[string]float64{}
	for i, m := range matches {
		if i < len(MatchCredit) {
			out[m.Lawyer.ID] = MatchCredit[i]
		}
	}
	return out
}

// Records returns what is recorded of a match on the question.
func Records(matches []Match) []MatchRecord {
	out := make([]MatchRecord, len(matches))
	for i, m := range matches {
		out[i] = MatchRecord{LawyerID: m.Lawyer.ID, Score: m.Score}
	}
	return out
}

// StaleLoadDays returns the days of perDay older than the load window at
// now: they no longer count and may be dropped.
func StaleLoadDays(perDay map[string]float64, now time.Time) []string {
	oldest := now.AddDate(0, 0, -(LoadDays - 1)).UTC().Format(time.DateOnly)
	var out []string
	for d := range perDay {
		if d < oldest {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// LoadOf sums the per-day load counters of the last LoadDays days up to now
// (days are UTC dates, "2006-01-02").
func LoadOf(perDay map[string]float64, now time.Time) float64 {
	total := 0.0
	for d := 0; d < LoadDays; d++ {
		total += perDay[now.AddDate(0, 0, -d).UTC().Format(time.DateOnly)]
	}
	return total
}

func reasonArea(area, lang string) string {
	a, _ := AreaByCode(area)
	if lang == "en" {
		return "practises " + a.EN
	}
	return "擅长" + a.ZH
}

func reasonCity(city, lang string) string {
	if lang == "en" {
		return "in " + city
	}
	return "同在" + city
}

func reasonHelped(n int, lang string) string {
	if lang == "en" {
		if n == 1 {
			return "helped 1 person"
		}
		return fmt.Sprintf("helped %d people", n)
	}
	return fmt.Sprintf("已帮助 %d 人", n)
}

// reasonOtherCity says a lawyer works in another city than the question.
func reasonOtherCity(lang string) string {
	if lang == "en" {
		return "in another city · phone or video"
	}
	return "另一城市 · 可电话/视频"
}

// reasonSlot says the lawyer's earliest opening, in zone tz (the
// viewer's): "earliest opening tomorrow 10:00", "最早可约明天10:00".
func reasonSlot(start time.Time, tz string, now time.Time, lang string) string {
	loc, err := LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	local, today := start.In(loc), now.In(loc)
	days := int(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC).
		Sub(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24)
	hm := local.Format("15:04")
	if lang == "en" {
		switch days {
		case 0:
			return "earliest opening today " + hm
		case 1:
			return "earliest opening tomorrow " + hm
		}
		return "earliest opening " + local.Format("Mon 2 Jan") + " " + hm
	}
	switch days {
	case 0:
		return "最早可约今天" + hm
	case 1:
		return "最早可约明天" + hm
	case 2:
		return "最早可约后天" + hm
	}
	return "最早可约" + local.Format("1月2日") + hm
}

package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lawdesk/lawdesk/infra/testclient"
	"github.com/lawdesk/lawdesk/shared/domain"
)

// The soak's operations, in the order a journey makes them and the table
// lists them. GET /lawyers/{id}/slots is how a visitor picks a time; the
// rest are the product's mixed day: ask, see matches, book, the lawyer
// accepts, the visitor reads the lawyer's contact or cancels, the firm's
// staff read their leads.
const (
	OpSubmit  = "POST /questions"
	OpMatches = "GET /questions/{id}/matches"
	OpSlots   = "GET /lawyers/{id}/slots"
	OpBook    = "POST /bookings"
	OpAccept  = "POST /bookings/{id}/accept"
	OpContact = "GET /bookings/{id}/contact"
	OpCancel  = "POST /bookings/{id}/cancel"
	OpLeads   = "GET /leads"
)

// SoakOps lists the operations in table order.
var SoakOps = []string{OpSubmit, OpMatches, OpSlots, OpBook, OpAccept, OpContact, OpCancel, OpLeads}

// Shares of the journeys that go on past a booking: the lawyer accepts
// most, and the visitor cancels half, pending or confirmed alike — which
// also frees slots for the others.
const (
	AcceptShare = 0.8
	CancelShare = 0.5
)

// NoAnswer is the status the soak's table gives a request that got no
// HTTP answer (a timeout, a refused or reset connection).
const NoAnswer = 0

// SoakOptions say how hard and how long to soak.
type SoakOptions struct {
	Clients  int
	Duration time.Duration
	// Think is the mean pause a client makes before each request of its
	// journey (uniform in [0, 2·Think]), as a person reading the page
	// would; 0 sends each request the moment the previous one answered.
	Think time.Duration
}

// OpFigures are one operation's requests during the soak.
type OpFigures struct {
	Op       string
	Requests int
	P50, P99 float64 // milliseconds, over the requests that got an answer
	OK       int     // 2xx
	Races    int     // 409 slot_unavailable: another visitor took the slot first
	Refused  int     // any other 4xx: unexpected in this workload
	Failed   int     // 5xx, and requests that got no answer
}

// StatusCount is how many requests of one operation ended in one status
// (NoAnswer for none) with one error code.
type StatusCount struct {
	Status int
	Code   string
	Op     string
	N      int
}

// Check is the read-back of one kind of acknowledged write.
type Check struct {
	What         string
	Acknowledged int
	Missing      int // 404 on read-back
	Mismatched   int // read back, but not what was acknowledged
	Unreadable   int // the read-back itself got no clean answer
}

// Lost is what the check could not find as acknowledged.
func (c Check) Lost() int { return c.Missing + c.Mismatched + c.Unreadable }

// SoakFigures are what Soak measured.
type SoakFigures struct {
	Clients        int
	Elapsed        time.Duration
	Requests       int
	PerSecond      float64
	P50, P99       float64 // milliseconds, every operation
	Journeys       int
	Bookings       int // journeys that booked
	NoSlot         int // journeys that found no lawyer with a slot to book
	Replayed       int // bookings a retry found made by a request answered 503
	Lawyers        int
	SlotsPublished int
	SetupRetries   int // slot publishes answered 503 in the untimed setup
	Ops            []OpFigures
	Statuses       []StatusCount // every answer that was not 2xx, and none
	Failed         int           // 5xx and no answer, every operation
	Checks         []Check
	Lost           int
	Server, Dynamo [2]ProcUsage // at the start and at the end of the load
	Log            LogSummary
}

// Soak drives the server with opt.Clients concurrent visitors for
// opt.Duration, each running journeys (question, matches, slots, booking,
// then as the lawyer accept, as the visitor contact or cancel, as staff
// the leads), then reads back every acknowledged write through the API.
// Setup — tokens for the demo lawyers and firms, and enough slots for the
// run published by each lawyer — is not timed.
func Soak(ctx context.Context, srv *Server, opt SoakOptions) (SoakFigures, error) {
	fig := SoakFigures{Clients: opt.Clients}
	// One keep-alive connection per client: the default two idle per host
	// would have most requests dial anew and measure the dialling.
	hc := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConns: 2 * opt.Clients, MaxIdleConnsPerHost: 2 * opt.Clients, IdleConnTimeout: time.Minute,
	}}
	defer hc.CloseIdleConnections()
	s := &soak{think: opt.Think, base: srv.Base, hc: hc, rec: newRecorder()}
	if err := s.setup(ctx, opt); err != nil {
		return fig, err
	}
	fig.Lawyers, fig.SlotsPublished, fig.SetupRetries = len(s.lawyers), s.published, int(s.setupRetries.Load())
	var err error
	if fig.Server[0], fig.Dynamo[0], err = srv.Usage(); err != nil {
		return fig, err
	}

	deadline := time.Now().Add(opt.Duration)
	begin := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < opt.Clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), uint64(begin.UnixNano())))
			for time.Now().Before(deadline) && ctx.Err() == nil {
				s.journey(ctx, rng, deadline)
			}
		}()
	}
	wg.Wait()
	fig.Elapsed = time.Since(begin)
	if fig.Server[1], fig.Dynamo[1], err = srv.Usage(); err != nil {
		return fig, err
	}
	if err := ctx.Err(); err != nil {
		return fig, err
	}

	s.rec.figures(&fig)
	fig.PerSecond = float64(fig.Requests) / fig.Elapsed.Seconds()
	fig.Journeys, fig.Bookings, fig.NoSlot, fig.Replayed = int(s.journeys.Load()), len(s.bookings), int(s.noSlot.Load()), int(s.replayed.Load())
	fig.Checks = s.readBack(ctx)
	for _, c := range fig.Checks {
		fig.Lost += c.Lost()
	}
	fig.Log = srv.Log()
	return fig, ctx.Err()
}

type soakLawyer struct{ id, firm, token string }

// ackQuestion is a question the server acknowledged with 201.
type ackQuestion struct{ id, token, title, phone, area string }

// ackBooking is a booking acknowledged with 201 and what became of it.
// Only the journey that made it touches it until the load is over.
type ackBooking struct {
	id, questionID, token, lawyerID string
	start                           time.Time
	accepted, cancelled             bool                   // acknowledged with 200
	want                            []domain.BookingStatus // statuses the read-back may find
}

type soak struct {
	think     time.Duration
	base      string
	hc        *http.Client
	rec       *recorder
	lawyers   []soakLawyer
	byID      map[string]*soakLawyer
	staff     map[string]string // firm → staff token
	areas     []string          // practised by some lawyer
	published int

	setupRetries atomic.Int64 // slot publishes answered 503 and tried again

	seq      atomic.Int64
	journeys atomic.Int64
	noSlot   atomic.Int64
	replayed atomic.Int64

	mu        sync.Mutex
	questions []*ackQuestion
	bookings  []*ackBooking
}

// setup reads the demo directory, signs a token for each lawyer and for
// the staff of each firm, and has every lawyer publish slots beyond the
// demo's two weeks — 48 a day (every half hour, UTC), a day for every
// twenty seconds of soak and at least three: more than the clients book
// when each journey takes seconds, as it does on a shared machine.
func (s *soak) setup(ctx context.Context, opt SoakOptions) error {
	resp, err := s.must(ctx, "GET", "/lawyers?limit=100", nil, nil, http.StatusOK)
	if err != nil {
		return err
	}
	s.byID, s.staff = map[string]*soakLawyer{}, map[string]string{}
	areas := map[string]bool{}
	for _, it := range list(resp.JSON, "items") {
		l := soakLawyer{id: str(it, "id"), firm: str(it, "firmId")}
		for _, a := range strs(it, "areas") {
			areas[a] = true
		}
		tok, err := s.must(ctx, "POST", "/local/token", nil, map[string]any{"role": "lawyer", "lawyerId": l.id}, http.StatusOK)
		if err != nil {
			return err
		}
		l.token = str(tok.JSON, "token")
		if _, ok := s.staff[l.firm]; !ok {
			tok, err := s.must(ctx, "POST", "/local/token", nil, map[string]any{"role": "staff", "firmId": l.firm}, http.StatusOK)
			if err != nil {
				return err
			}
			s.staff[l.firm] = str(tok.JSON, "token")
		}
		s.lawyers = append(s.lawyers, l)
	}
	if len(s.lawyers) == 0 {
		return errors.New("the server lists no lawyers: was it started with SEED_DEMO=1 on an empty DATA_DIR?")
	}
	for i := range s.lawyers {
		s.byID[s.lawyers[i].id] = &s.lawyers[i]
	}
	for a := range areas {
		s.areas = append(s.areas, a)
	}
	sort.Strings(s.areas)

	days := min(max(3, int(opt.Duration.Seconds()/20)+1), domain.SlotMaxAheadDays-20)
	first := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 16)
	type job struct {
		l     *soakLawyer
		slots []map[string]any
	}
	// Half a day per request and three at a time, each lawyer's in turn:
	// a transaction of fifty slots from each lawyer at once outlasts the
	// request deadline on a busy machine.
	jobs := make(chan job)
	go func() {
		defer close(jobs)
		for half := 0; half < 2*days; half++ {
			for i := range s.lawyers {
				var slots []map[string]any
				for k := 0; k < 24; k++ {
					start := first.Add(time.Duration(half*24+k) * 30 * time.Minute)
					slots = append(slots, map[string]any{"start": start.Format(time.RFC3339), "minutes": 30})
				}
				select {
				case jobs <- job{&s.lawyers[i], slots}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if errs[w] == nil {
					errs[w] = s.publish(ctx, j.l, j.slots)
				}
			}
		}()
	}
	wg.Wait()
	s.published = len(s.lawyers) * days * 48
	return errors.Join(errs...)
}

// publish has the lawyer publish slots, untimed. A 503 leaves it unknown
// whether they were written, so it tries again after Retry-After; a 409
// then means the earlier attempt landed.
func (s *soak) publish(ctx context.Context, l *soakLawyer, slots []map[string]any) error {
	path := "/lawyers/" + l.id + "/slots"
	for try := 0; ; try++ {
		resp, err := testclient.Do(ctx, s.hc, s.base, "POST", path, bearer(l.token), map[string]any{"slots": slots})
		switch {
		case err != nil:
			return fmt.Errorf("soak setup: POST %s: %w", path, err)
		case resp.Status == http.StatusCreated, resp.Status == http.StatusConflict && try > 0:
			return nil
		case resp.Status != http.StatusServiceUnavailable || try == 4:
			return fmt.Errorf("soak setup: POST %s: status %d (%s)", path, resp.Status, resp.ErrorCode())
		}
		s.setupRetries.Add(1)
		if !pause(ctx, resp) {
			return ctx.Err()
		}
	}
}

// must is a setup request, untimed, that has to succeed.
func (s *soak) must(ctx context.Context, method, path string, h map[string]string, body any, want int) (testclient.Response, error) {
	resp, err := testclient.Do(ctx, s.hc, s.base, method, path, h, body)
	if err == nil && resp.Status != want {
		err = fmt.Errorf("status %d, want %d (%s)", resp.Status, want, resp.ErrorCode())
	}
	if err != nil {
		return resp, fmt.Errorf("soak setup: %s %s: %w", method, routeOf(path), err)
	}
	return resp, nil
}

// do is a timed request of the load; answered is false when it got no
// HTTP answer. Requests cut short by the benchmark's own interruption are
// not counted.
func (s *soak) do(ctx context.Context, op, method, path string, h map[string]string, body any) (resp testclient.Response, answered bool) {
	if s.think > 0 {
		select {
		case <-ctx.Done():
			return resp, false
		case <-time.After(time.Duration(rand.Int64N(int64(2 * s.think)))):
		}
	}
	start := time.Now()
	resp, err := testclient.Do(ctx, s.hc, s.base, method, path, h, body)
	ms := float64(time.Since(start).Microseconds()) / 1000
	switch {
	case err != nil && ctx.Err() != nil:
		return resp, false
	case err != nil:
		code := "no answer"
		if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
			code = "timeout"
		}
		s.rec.add(op, NoAnswer, code, ms)
		return resp, false
	}
	code := ""
	if resp.Status >= 300 {
		code = resp.ErrorCode()
	}
	s.rec.add(op, resp.Status, code, ms)
	return resp, true
}

// pause waits as the answer's Retry-After asks (a second when it does
// not say), as a client should before trying again; false when the
// benchmark was interrupted meanwhile.
func pause(ctx context.Context, resp testclient.Response) bool {
	secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	select {
	case <-ctx.Done():
		return false
	case <-time.After(time.Duration(max(secs, 1)) * time.Second):
		return true
	}
}

// ambiguous reports whether a write's answer leaves its outcome unknown.
func ambiguous(resp testclient.Response, answered bool) bool {
	return !answered || resp.Status >= 500
}

// journey is one visitor's way from question to booking and beyond; it
// stops at the deadline between steps (a request under way finishes) and
// at any answer that leaves the state unknown.
func (s *soak) journey(ctx context.Context, rng *rand.Rand, deadline time.Time) {
	s.journeys.Add(1)
	late := func() bool { return time.Now().After(deadline) || ctx.Err() != nil }
	n := s.seq.Add(1)
	staffFirm := s.lawyers[rng.IntN(len(s.lawyers))].firm
	defer func() {
		if !late() {
			s.do(ctx, OpLeads, "GET", "/leads?limit=20", bearer(s.staff[staffFirm]), nil)
		}
	}()

	// Fake personal data only: phones 1380013xxxx, e-mail at example.com.
	in := map[string]any{
		"name": "压测访客", "phone": fmt.Sprintf("1380013%04d", n%10000), "email": fmt.Sprintf("soak%d@example.com", n),
		"consent": true, "body": "压测生成的咨询，内容虚构。",
	}
	if rng.IntN(4) == 0 {
		// A quarter leave the area to the router, as most visitors do.
		in["title"] = inferredTitles[rng.IntN(len(inferredTitles))]
	} else {
		area := s.areas[rng.IntN(len(s.areas))]
		a, _ := domain.AreaByCode(area)
		in["area"], in["title"] = area, "想咨询一下"+a.ZH+"方面的问题"
	}
	resp, ok := s.do(ctx, OpSubmit, "POST", "/questions", nil, in)
	if !ok || resp.Status != http.StatusCreated {
		return
	}
	q := &ackQuestion{id: str(resp.JSON, "id"), token: str(resp.JSON, "accessToken"), title: in["title"].(string),
		phone: in["phone"].(string), area: str(resp.JSON, "area")}
	s.mu.Lock()
	s.questions = append(s.questions, q)
	s.mu.Unlock()
	visitor := map[string]string{"X-Visitor-Token": q.token}
	if late() {
		return
	}

	resp, ok = s.do(ctx, OpMatches, "GET", "/questions/"+q.id+"/matches", visitor, nil)
	if !ok || resp.Status != http.StatusOK {
		return
	}
	var candidates []*soakLawyer
	for _, m := range list(resp.JSON, "items") {
		lm, _ := m["lawyer"].(map[string]any)
		if l := s.byID[str(lm, "id")]; l != nil {
			candidates = append(candidates, l)
		}
	}
	if len(candidates) == 0 {
		s.noSlot.Add(1)
		return
	}
	// Visitors mostly take one of the first three, in any order.
	top := min(3, len(candidates))
	rng.Shuffle(top, func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	staffFirm = candidates[0].firm

	var b *ackBooking
	var lawyer *soakLawyer
	for attempt := 0; attempt < 3 && b == nil; attempt++ {
		if late() {
			return
		}
		lawyer = candidates[attempt%len(candidates)]
		// Not too soon: a visitor may cancel only up to CancelNotice before.
		from := time.Now().Add(6 * time.Hour).UTC().Format(time.RFC3339)
		resp, ok = s.do(ctx, OpSlots, "GET", "/lawyers/"+lawyer.id+"/slots?limit=50&from="+url.QueryEscape(from), nil, nil)
		if !ok || resp.Status != http.StatusOK {
			return
		}
		slots := list(resp.JSON, "items")
		if len(slots) == 0 {
			continue
		}
		start := str(slots[rng.IntN(len(slots))], "start")
		body := map[string]any{"questionId": q.id, "lawyerId": lawyer.id, "start": start, "mode": modes[rng.IntN(len(modes))]}
		h := map[string]string{"X-Visitor-Token": q.token, "Idempotency-Key": fmt.Sprintf("soak-%d-%d", n, attempt)}
		// The key makes a retry after an unknown outcome safe: it returns
		// the booking the first request made, if it made one.
		for try := 0; ; try++ {
			resp, ok = s.do(ctx, OpBook, "POST", "/bookings", h, body)
			if !ambiguous(resp, ok) || try == 2 || !pause(ctx, resp) {
				break
			}
		}
		switch {
		case ok && resp.Status == http.StatusCreated:
			if resp.Header.Get("Idempotent-Replayed") == "true" {
				s.replayed.Add(1)
			}
			at, _ := time.Parse(time.RFC3339, start)
			b = &ackBooking{id: str(resp.JSON, "id"), questionID: q.id, token: q.token, lawyerID: lawyer.id, start: at,
				want: []domain.BookingStatus{domain.BookingPending}}
			s.mu.Lock()
			s.bookings = append(s.bookings, b)
			s.mu.Unlock()
		case ok && resp.Status == http.StatusConflict && resp.ErrorCode() == "slot_unavailable":
			// Another visitor got there first: pick again.
		default:
			return
		}
	}
	if b == nil {
		s.noSlot.Add(1)
		return
	}

	if rng.Float64() < AcceptShare {
		if late() {
			return
		}
		resp, ok = s.do(ctx, OpAccept, "POST", "/bookings/"+b.id+"/accept", bearer(lawyer.token), nil)
		switch {
		case ok && resp.Status == http.StatusOK:
			b.accepted, b.want = true, []domain.BookingStatus{domain.BookingConfirmed}
		case ambiguous(resp, ok):
			b.want = append(b.want, domain.BookingConfirmed)
			return
		default:
			return
		}
		if late() {
			return
		}
		s.do(ctx, OpContact, "GET", "/bookings/"+b.id+"/contact", visitor, nil)
	}
	if rng.Float64() < CancelShare {
		if late() {
			return
		}
		resp, ok = s.do(ctx, OpCancel, "POST", "/bookings/"+b.id+"/cancel", visitor, nil)
		switch {
		case ok && resp.Status == http.StatusOK:
			b.cancelled, b.want = true, []domain.BookingStatus{domain.BookingCancelled}
		case ambiguous(resp, ok):
			b.want = append(b.want, domain.BookingCancelled)
		}
	}
}

var modes = []string{"phone", "video", "in_person"}

// inferredTitles are questions asked without an area, for the router.
var inferredTitles = []string{
	"公司拖欠工资三个月了怎么办",
	"男朋友分手了要我退彩礼，必须全退吗",
	"朋友借了五万块钱一直不还怎么办",
	"房东不退押金还说我弄坏了家具",
	"被车撞了对方只肯赔医药费",
	"网上买到假货商家不给退款",
}

// readBack reads every acknowledged write back through the API, eight at
// a time, retrying a read that got no clean answer twice.
func (s *soak) readBack(ctx context.Context) []Check {
	qs, bs := &Check{What: "questions (" + OpSubmit + " → 201)"}, &Check{What: "bookings (" + OpBook + " → 201)"}
	acc, can := &Check{What: "accepts (" + OpAccept + " → 200)"}, &Check{What: "cancels (" + OpCancel + " → 200)"}
	var mu sync.Mutex
	read := func(path, token string) (testclient.Response, bool) {
		for try := 0; try < 3; try++ {
			resp, err := testclient.Do(ctx, s.hc, s.base, "GET", path, map[string]string{"X-Visitor-Token": token}, nil)
			if err == nil && (resp.Status == http.StatusOK || resp.Status == http.StatusNotFound) {
				return resp, true
			}
		}
		return testclient.Response{}, false
	}
	// tally counts one acknowledged write's fate in c.
	tally := func(c *Check, resp testclient.Response, ok, match bool) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case !ok:
			c.Unreadable++
		case resp.Status == http.StatusNotFound:
			c.Missing++
		case !match:
			c.Mismatched++
		}
	}
	work := make(chan func())
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				f()
			}
		}()
	}
	for _, q := range s.questions {
		qs.Acknowledged++
		work <- func() {
			resp, ok := read("/questions/"+q.id, q.token)
			j := resp.JSON
			tally(qs, resp, ok, str(j, "title") == q.title && str(j, "phone") == q.phone && str(j, "area") == q.area)
		}
	}
	for _, b := range s.bookings {
		bs.Acknowledged++
		if b.accepted {
			acc.Acknowledged++
		}
		if b.cancelled {
			can.Acknowledged++
		}
		work <- func() {
			resp, ok := read("/bookings/"+b.id, b.token)
			j := resp.JSON
			at, _ := time.Parse(time.RFC3339, str(j, "start"))
			same := str(j, "id") == b.id && str(j, "questionId") == b.questionID && str(j, "lawyerId") == b.lawyerID && at.Equal(b.start)
			status := slices.Contains(b.want, domain.BookingStatus(str(j, "status")))
			// A wrong status is laid at the door of the last write
			// acknowledged; a missing booking loses every one of them.
			tally(bs, resp, ok, same && (status || b.accepted || b.cancelled))
			if b.accepted {
				tally(acc, resp, ok, status || b.cancelled)
			}
			if b.cancelled {
				tally(can, resp, ok, status)
			}
		}
	}
	close(work)
	wg.Wait()
	return []Check{*qs, *bs, *acc, *can}
}

// recorder collects the load's latencies and statuses.
type recorder struct {
	mu     sync.Mutex
	lat    map[string][]float64
	counts map[StatusCount]int // keyed with N zero
}

func newRecorder() *recorder {
	return &recorder{lat: map[string][]float64{}, counts: map[StatusCount]int{}}
}

func (r *recorder) add(op string, status int, code string, ms float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if status != NoAnswer {
		r.lat[op] = append(r.lat[op], ms)
	}
	r.counts[StatusCount{Status: status, Code: code, Op: op}]++
}

// figures fills the per-operation rows, the overall latency and the
// table of statuses other than 2xx.
func (r *recorder) figures(fig *SoakFigures) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all []float64
	for _, op := range SoakOps {
		f := OpFigures{Op: op, P50: percentile(r.lat[op], 50), P99: percentile(r.lat[op], 99)}
		all = append(all, r.lat[op]...)
		for k, n := range r.counts {
			if k.Op != op {
				continue
			}
			f.Requests += n
			switch {
			case k.Status >= 200 && k.Status < 300:
				f.OK += n
			case k.Status == http.StatusConflict && k.Code == "slot_unavailable":
				f.Races += n
			case k.Status >= 400 && k.Status < 500:
				f.Refused += n
			default:
				f.Failed += n
			}
		}
		fig.Requests += f.Requests
		fig.Failed += f.Failed
		fig.Ops = append(fig.Ops, f)
	}
	fig.P50, fig.P99 = percentile(all, 50), percentile(all, 99)
	for k, n := range r.counts {
		if k.Status < 200 || k.Status >= 300 {
			k.N = n
			fig.Statuses = append(fig.Statuses, k)
		}
	}
	sort.Slice(fig.Statuses, func(i, j int) bool {
		a, b := fig.Statuses[i], fig.Statuses[j]
		if a.Status != b.Status {
			return a.Status > b.Status // 5xx first
		}
		if a.Op != b.Op {
			return slices.Index(SoakOps, a.Op) < slices.Index(SoakOps, b.Op)
		}
		return a.Code < b.Code
	})
}

func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

// routeOf strips the query from a path for an error message.
func routeOf(path string) string {
	p, _, _ := strings.Cut(path, "?")
	return p
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func list(m map[string]any, key string) []map[string]any {
	var out []map[string]any
	items, _ := m[key].([]any)
	for _, it := range items {
		if o, ok := it.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

func strs(m map[string]any, key string) []string {
	var out []string
	items, _ := m[key].([]any)
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

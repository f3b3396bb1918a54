// Package localserver runs the whole API on one machine: DynamoDB Local
// (installed and started here, data kept in a folder), the table created
// from template.yaml, and every route of shared/api behind net/http on
// loopback. Requests go through the same API Gateway v2 adapter as in
// Lambda; on routes that have the JWT authorizer in template.yaml the
// server checks the bearer token (one it signed itself, see POST
// /local/token) and places the claims where API Gateway puts them, so
// handler code cannot tell the difference.
package localserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/api"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/config"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/store"
)

// Config of the local server.
type Config struct {
	// Addr to listen on, e.g. 127.0.0.1:3000.
	Addr string
	// DataDir keeps DynamoDB Local's data, its port and the secret.
	DataDir string
	// SeedDemo fills an empty store with demo data.
	SeedDemo bool
	// Env is the shared configuration (rate limits, table, endpoint…).
	Env    config.Env
	Logger *slog.Logger
	// Ready, when set, is called with the server's address once it serves.
	Ready func(addr string)
	// SweepEvery is how often the sweeper runs (SWEEP_INTERVAL; the
	// scheduled function in AWS runs every five minutes); 0 means every
	// minute.
	SweepEvery time.Duration
	// Inbox keeps what the local notifier sends (nil: a new one).
	Inbox *Inbox
	// Now is the service's clock (nil: time.Now). The browser tests move
	// it to make a booking whose time has come.
	Now func() time.Time
}

// maxGatewayBody is API Gateway's payload limit.
const maxGatewayBody = 10 << 20

// Run serves until ctx is done, then stops the server and DynamoDB Local.
func Run(ctx context.Context, cfg Config) error {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	root, err := ddblocal.Root()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return err
	}
	secret, err := readOrCreateSecret(filepath.Join(cfg.DataDir, "secret"))
	if err != nil {
		return err
	}
	env := cfg.Env
	if env.App.Secret == nil {
		env.App.Secret = secret
	}
	if env.Table == "" {
		env.Table = "lawdesk"
	}
	endpoint := env.DynamoDBEndpoint
	if endpoint == "" {
		ddb, err := startDynamoDB(ctx, cfg.DataDir)
		if err != nil {
			return err
		}
		defer ddb.Stop()
		endpoint = ddb.Endpoint
		log.Info("DynamoDB Local started", "endpoint", endpoint)
	}
	db, err := store.NewClient(ctx, endpoint)
	if err != nil {
		return err
	}
	tpl, err := template.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		return err
	}
	if err := tpl.Table.EnsureTable(ctx, db, env.Table); err != nil {
		return err
	}
	// No CloudFront stands in front of the local server (api.Deps.OriginVerify).
	env.OriginVerify = ""
	// Listen first: the private links sent on submission point here
	// unless WEB_ORIGIN says otherwise.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	if env.App.WebOrigin == "" {
		env.App.WebOrigin = "http://" + ln.Addr().String()
	}
	deps := awsboot.Wire(env, db, router.NewClassifier(), log)
	st, svc := deps.Store, deps.Service
	if cfg.Now != nil {
		svc.Now = cfg.Now
	}
	signer := auth.NewLocalSigner(env.App.Secret)
	deps.API.Verifier = signer
	if cfg.SeedDemo {
		if err := SeedDemo(ctx, svc, st, log); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
	}
	inbox := cfg.Inbox
	if inbox == nil {
		inbox = NewInbox(log)
	}
	handler := NewGateway(api.NewHandler(deps.API), signer, st, inbox)

	svc.Notifier = inbox
	go sweep(ctx, svc, cfg.SweepEvery, log)
	go deliver(ctx, svc, inbox, 2*time.Second, log)

	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "inbox", "http://"+ln.Addr().String()+"/local/inbox")
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	log.Info("stopped")
	return err
}

// sweep runs the sweeper at start and then every interval until ctx ends,
// as the scheduled function does in AWS.
func sweep(ctx context.Context, svc *app.Service, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		rep, err := svc.Sweep(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("sweep failed", "err", err.Error())
		} else if rep != (app.SweepReport{}) {
			log.Info("sweep", "bookingsExpired", rep.BookingsExpired, "nextSlotsMended", rep.NextSlotsMended,
				"notificationsRetried", rep.NotificationsRetried)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// startDynamoDB starts DynamoDB Local on the port kept in dataDir (a new
// free one the first time, or when that one is taken).
func startDynamoDB(ctx context.Context, dataDir string) (*ddblocal.Instance, error) {
	portFile := filepath.Join(dataDir, "dynamodb-port")
	port := 0
	if b, err := os.ReadFile(portFile); err == nil {
		if p, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && ddblocal.PortFree(p) {
			port = p
		}
	}
	if port == 0 {
		p, err := ddblocal.FreePort()
		if err != nil {
			return nil, err
		}
		port = p
	}
	if err := os.WriteFile(portFile, []byte(strconv.Itoa(port)+"\n"), 0o600); err != nil {
		return nil, err
	}
	return ddblocal.Start(ctx, ddblocal.Options{DataDir: filepath.Join(dataDir, "dynamodb"), Port: port})
}

func readOrCreateSecret(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	s := hex.EncodeToString(b)
	return []byte(s), os.WriteFile(path, []byte(s+"\n"), 0o600)
}

// routeMux maps requests to the route table's patterns, to learn which
// route (and whether it has the authorizer) a request is for.
func routeMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range api.Routes() {
		rt := rt
		mux.Handle(rt.Method+" "+rt.Path, routeInfo(rt))
	}
	return mux
}

type routeInfo api.Route

func (routeInfo) ServeHTTP(http.ResponseWriter, *http.Request) {}

// NewGateway returns the local server's handler: POST /local/token, the
// local inbox when given (GET /local/notifications, GET /local/inbox; see
// Inbox), the web pages (/, /assets/, /config.json; see NewWeb), and every other request
// turned into an API Gateway event and handed to h through the same adapter
// Lambda uses, with the claims of a valid bearer token on routes that have
// the authorizer. It answers only requests addressed to a loopback host
// (see loopbackOnly).
func NewGateway(h http.Handler, signer *auth.LocalSigner, st *store.Store, inbox ...*Inbox) http.Handler {
	g := &gateway{api: httpadapter.NewV2(h), routes: routeMux(), signer: signer, store: st}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /local/token", g.token)
	for _, in := range inbox {
		in.mount(mux)
	}
	mountWeb(mux)
	mux.Handle("/", g)
	return loopbackOnly(mux)
}

// loopbackOnly refuses (403 in the envelope) every request whose Host is
// not 127.0.0.1, localhost or [::1], with or without a port. Listening on
// loopback keeps other machines out but not other sites: a page that
// points its own name at 127.0.0.1 (DNS rebinding) is same-origin with
// whatever answers there, so the developer's browser would let it read
// POST /local/token's admin token and every answer after it. Such a
// request still names the page's host, which is what this checks.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			api.WriteError(w, r, domain.Errorf(domain.EForbidden,
				"the local server answers only http://127.0.0.1, http://localhost or http://[::1]"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine's loopback
// interface by one of its three usual names.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, port, err := net.SplitHostPort(hostport); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return false
		}
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	} else if strings.Contains(host, ":") {
		return false
	}
	return strings.EqualFold(host, "localhost") || host == "127.0.0.1" || host == "::1"
}

// gateway plays API Gateway in front of the handlers.
type gateway struct {
	api    *httpadapter.HandlerAdapterV2
	routes *http.ServeMux
	signer *auth.LocalSigner
	store  *store.Store
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxGatewayBody))
	if err != nil {
		api.WriteError(w, r, domain.Errorf(domain.EPayloadTooLarge, "the body is larger than API Gateway accepts"))
		return
	}
	routeKey := "$default"
	var claims map[string]string
	if h, pattern := g.routes.Handler(r); pattern != "" {
		routeKey = pattern
		if rt, ok := h.(routeInfo); ok && rt.Authorizer {
			// API Gateway would answer 401 itself; we answer in the envelope.
			claims, err = g.authorize(r)
			if err != nil {
				api.WriteError(w, r, err)
				return
			}
		}
	}
	resp, err := g.api.ProxyWithContext(r.Context(), Event(r, routeKey, body, claims))
	if err != nil {
		api.WriteError(w, r, err)
		return
	}
	writeResponse(w, resp)
}

// authorize checks the bearer token as the JWT authorizer would.
func (g *gateway) authorize(r *http.Request) (map[string]string, error) {
	h := r.Header.Get("Authorization")
	if len(h) < 8 || !strings.EqualFold(h[:7], "bearer ") {
		return nil, domain.Errorf(domain.EUnauthenticated, "sign in first: this route needs Authorization: Bearer <token>")
	}
	claims, err := g.signer.Verify(r.Context(), strings.TrimSpace(h[7:]))
	if err != nil {
		return nil, domain.Errorf(domain.EUnauthenticated, "the bearer token is invalid or expired; sign in again")
	}
	return claims, nil
}

type tokenRequest struct {
	Role     string `json:"role"`
	LawyerID string `json:"lawyerId"`
	FirmID   string `json:"firmId"`
	// Name is the user's name (the lawyer's is the lawyer's own).
	Name string `json:"name"`
}

// tokenTTL is how long a local token lasts.
const tokenTTL = 12 * time.Hour

// token is POST /local/token: a signed token for a lawyer, staff member or
// admin, with the claims a Cognito ID token carries. Local only.
func (g *gateway) token(w http.ResponseWriter, r *http.Request) {
	var in tokenRequest
	if err := api.Decode(w, r, &in); err != nil {
		api.WriteError(w, r, err)
		return
	}
	id, err := g.identityFor(r.Context(), in)
	if err != nil {
		api.WriteError(w, r, err)
		return
	}
	tok, err := g.signer.Sign(id, tokenTTL)
	if err != nil {
		api.WriteError(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, map[string]any{"token": tok, "expiresAt": time.Now().Add(tokenTTL).UTC().Format(time.RFC3339)})
}

func (g *gateway) identityFor(ctx context.Context, in tokenRequest) (auth.Identity, error) {
	switch in.Role {
	case "admin":
		return auth.Identity{Subject: "local-admin", Groups: []string{auth.GroupAdmins}, Name: in.Name}, nil
	case "lawyer":
		if in.LawyerID == "" {
			return auth.Identity{}, invalid("lawyerId", "is required for role lawyer")
		}
		l, err := g.store.FindLawyerByID(ctx, in.LawyerID)
		if domain.ErrorCode(err) == domain.ENotFound {
			return auth.Identity{}, invalid("lawyerId", "no lawyer with this id")
		} else if err != nil {
			return auth.Identity{}, err
		}
		if in.FirmID != "" && in.FirmID != l.FirmID {
			return auth.Identity{}, invalid("firmId", "is not the lawyer's firm")
		}
		return auth.Identity{Subject: "local-lawyer-" + l.ID, Groups: []string{auth.GroupLawyers}, LawyerID: l.ID, FirmID: l.FirmID, Name: l.Name}, nil
	case "staff":
		if in.FirmID == "" {
			return auth.Identity{}, invalid("firmId", "is required for role staff")
		}
		if _, err := g.store.FindFirmByID(ctx, in.FirmID); domain.ErrorCode(err) == domain.ENotFound {
			return auth.Identity{}, invalid("firmId", "no firm with this id")
		} else if err != nil {
			return auth.Identity{}, err
		}
		return auth.Identity{Subject: "local-staff-" + in.FirmID, Groups: []string{auth.GroupStaff}, FirmID: in.FirmID, Name: in.Name}, nil
	}
	return auth.Identity{}, invalid("role", "must be lawyer, staff or admin")
}

func invalid(field, why string) error {
	code := domain.CodeNotFound
	if strings.HasPrefix(why, "is required") {
		code = domain.CodeRequired
	} else if strings.HasPrefix(why, "must be") {
		code = domain.CodeChoice
	}
	return domain.Invalid(field, code, "cannot issue the token", why)
}

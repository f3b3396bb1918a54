// Command local is the local server behind `make run`: every route of the
// API on 127.0.0.1:$PORT over DynamoDB Local, data kept in $DATA_DIR.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/lawdesk/lawdesk/infra/ddblocal"
	"github.com/lawdesk/lawdesk/infra/localserver"
	"github.com/lawdesk/lawdesk/shared/awsboot"
	"github.com/lawdesk/lawdesk/shared/config"
)

func main() {
	env, err := config.FromEnv(false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(2)
	}
	root, err := ddblocal.Root()
	if err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(2)
	}
	dataDir := os.Getenv("DATA_DIR")
	if dataDir == "" {
		dataDir = filepath.Join(root, ".data")
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = localserver.Run(ctx, localserver.Config{
		Addr:       "127.0.0.1:" + port,
		DataDir:    dataDir,
		SeedDemo:   os.Getenv("SEED_DEMO") != "0",
		Env:        env,
		Logger:     awsboot.Logger(),
		SweepEvery: env.SweepInterval,
		Ready: func(addr string) {
			fmt.Fprintf(os.Stderr, "LawDesk is serving on http://%s (data in %s; Ctrl-C stops)\n", addr, dataDir)
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "local:", err)
		os.Exit(1)
	}
}

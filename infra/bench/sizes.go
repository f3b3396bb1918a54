package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// SizeGroups are the groups SizeRow sums a bootstrap's code into, in the
// order the table prints them: what each function carries beyond the
// baseline, and so what a smaller bootstrap would have to give up.
var SizeGroups = []string{"own code", "router", "DynamoDB operations", "item codec, expressions", "HTTP server, API Gateway adapter", "slog", "other"}

// SizeRow is one bootstrap's machine code (text symbols, arm64, the
// deployed build with its symbols kept) by group, in bytes, beyond the
// baseline's (Baseline's row holds its own).
type SizeRow struct {
	Function string
	Groups   map[string]int64
	Total    int64
}

// sizeGroup names the group of a Go package path.
func sizeGroup(pkg string) string {
	switch {
	case strings.HasPrefix(pkg, "github.com/lawdesk/lawdesk/shared/router"):
		return "router"
	case pkg == "github.com/lawdesk/lawdesk/shared/store/internal/ddb":
		// The store's own codec and expression builder, which took the
		// place of the SDK's attributevalue and expression (below).
		return "item codec, expressions"
	case strings.HasPrefix(pkg, "github.com/lawdesk/lawdesk/"):
		return "own code"
	case strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2/feature/dynamodb/"),
		strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"):
		// The streams types come with attributevalue (its converters).
		return "item codec, expressions"
	case strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2/service/dynamodb"):
		return "DynamoDB operations"
	case pkg == "net/http", pkg == "mime", pkg == "mime/multipart", strings.HasPrefix(pkg, "github.com/awslabs/aws-lambda-go-api-proxy"):
		return "HTTP server, API Gateway adapter"
	case strings.HasPrefix(pkg, "log/slog"):
		return "slog"
	}
	return "other"
}

// symbolPackage is the package path of a symbol as go tool nm names it:
// "github.com/x/y.(*T).M" → "github.com/x/y", "type:.eq.a/b.T" → "a/b",
// "slices.Sort[go.shape…]" → "slices".
func symbolPackage(name string) string {
	name = strings.TrimPrefix(name, "type:.eq.")
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	slash := strings.LastIndexByte(name, '/')
	if dot := strings.IndexByte(name[slash+1:], '.'); dot >= 0 {
		return name[:slash+1+dot]
	}
	return name
}

// textByGroup sums the text symbols of the binary bin by group.
func textByGroup(ctx context.Context, bin string) (map[string]int64, error) {
	out, err := exec.CommandContext(ctx, "go", "tool", "nm", "-size", bin).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool nm %s: %w", bin, err)
	}
	groups := map[string]int64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if size, name, ok := textSymbol(sc.Text()); ok {
			groups[sizeGroup(symbolPackage(name))] += size
		}
	}
	return groups, sc.Err()
}

// textSymbol reads a line of go tool nm -size ("  4297a0  21696 T name",
// the name possibly holding spaces): the size and name of a text symbol.
func textSymbol(line string) (int64, string, bool) {
	var tok [3]string
	for i := range tok {
		line = strings.TrimLeft(line, " ")
		j := strings.IndexByte(line, ' ')
		if j < 0 {
			return 0, "", false
		}
		tok[i], line = line[:j], line[j:]
	}
	n, err := strconv.ParseInt(tok[1], 10, 64)
	if err != nil || (tok[2] != "T" && tok[2] != "t") {
		return 0, "", false
	}
	return n, strings.TrimSpace(line), true
}

// MeasureSizes builds the baseline and every function of functions/ (or
// those of only) for linux/arm64 with the deployed flags but their
// symbols kept, and sums each one's text by group, less the baseline's.
func MeasureSizes(ctx context.Context, root, dir string, only []string) ([]SizeRow, error) {
	names, pkgs, err := bootstraps(root, only)
	if err != nil {
		return nil, err
	}
	flags := []string{"build", "-tags", "lambda.norpc", "-trimpath"} // the deployed build, less -s -w
	var rows []SizeRow
	var base map[string]int64
	for _, name := range names {
		bin := filepath.Join(dir, "sym-"+name)
		build := exec.CommandContext(ctx, "go", append(flags, "-o", bin, pkgs[name])...)
		build.Dir = root
		build.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build %s: %v\n%s", name, err, out)
		}
		groups, err := textByGroup(ctx, bin)
		if err != nil {
			return nil, err
		}
		row := SizeRow{Function: name, Groups: map[string]int64{}}
		for _, g := range SizeGroups {
			row.Groups[g] = groups[g]
			if base != nil {
				row.Groups[g] -= base[g]
			}
			row.Total += row.Groups[g]
		}
		if base == nil {
			base = groups
		}
		rows = append(rows, row)
	}
	return rows, nil
}

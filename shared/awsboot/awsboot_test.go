package awsboot

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"
	"time"
)

// Lambda's level filtering reads "level" and an RFC 3339 "timestamp".
func TestLogHandlerWritesTimestamp(t *testing.T) {
	var buf bytes.Buffer
	slog.New(NewLogHandler(&buf, slog.LevelInfo)).Warn("slow", "ms", 12)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%s: %v", buf.Bytes(), err)
	}
	ts, _ := rec["timestamp"].(string)
	if _, err := time.Parse(time.RFC3339Nano, ts); err != nil || rec["level"] != "WARN" || rec["time"] != nil {
		t.Fatalf("line = %s, want level WARN and an RFC 3339 timestamp, no time", buf.Bytes())
	}
}

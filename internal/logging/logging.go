// Package logging sets up the structured logs of dnsobs's long-running
// commands (scan; serve, monitor and the agents when they come): log/slog
// on the stream given (stderr), with the level and format chosen by the
// flags Prometheus's promslog uses, --log.level and --log.format.
// Components scope their logger with logger.With("component", NAME);
// libraries return errors rather than log them.
package logging

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Flags are the logging flags of a command.
type Flags struct {
	Level  string // debug, info, warn, error
	Format string // text, json
}

// Register adds --log.level and --log.format to fs, with their defaults
// (info, text).
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.Level, "log.level", "info", "only log messages at or above `LEVEL`: debug, info, warn or error")
	fs.StringVar(&f.Format, "log.format", "text", "log `FORMAT`: text (key=value) or json (one object per line)")
}

// New returns the logger the flags describe, writing to w. An unknown
// level or format is an error naming the accepted values.
func (f Flags) New(w io.Writer) (*slog.Logger, error) {
	level, err := ParseLevel(f.Level)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(f.Format) {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log.format %q: want text or json", f.Format)
}

// ParseLevel parses a --log.level value.
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "", "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("--log.level %q: want debug, info, warn or error", s)
}

// Discard is a logger that drops everything: the default of a library
// given no logger.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// A run in state loading records its loader (loaderID) and a heartbeat,
// renewed by every AddInput. SweepLoading deletes a loading run whose
// loader is gone: a process on this machine that no longer runs (a kill
// -9, an OOM kill, a crash), or, when that cannot be told (another host,
// no /proc, a run from before migration 0004), whose heartbeat is older
// than the staleness given.

// LoadingStale is how old a loading run's heartbeat must be before
// SweepLoading deletes it when it cannot tell whether its loader still
// runs. A loader renews the heartbeat with every batch and at least every
// LoadingHeartbeat (scan.Load).
const (
	LoadingStale     = 2 * time.Minute
	LoadingHeartbeat = 10 * time.Second
)

// loaderID names this process: host, boot id, user id, process id and
// the start time the kernel gives it (so a reused process id is not taken
// for it). Fields it cannot read are empty; such an ID is never judged
// gone.
func loaderID() string {
	host, _ := os.Hostname()
	pid := os.Getpid()
	start, _ := procStart(pid)
	return strings.Join([]string{host, bootID(), strconv.Itoa(os.Getuid()), strconv.Itoa(pid), start}, " ")
}

func bootID() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// procStart is field 22 of /proc/PID/stat (the start time in clock
// ticks since boot); gone is true only when the kernel says there is no
// such process (a missing /proc/PID), not when it cannot be read.
func procStart(pid int) (start string, gone bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", errors.Is(err, fs.ErrNotExist)
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return "", false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return "", false
	}
	return f[19], false // fields 3.. start at f[0]; field 22 is f[19]
}

// loaderGone reports whether the loader id names a process of this
// machine (same host and boot) that no longer runs. Only a process of
// this user (or any, for root) is judged: /proc may hide other users'
// processes (hidepid), which must not read as gone.
func loaderGone(id string) bool {
	known, gone := loaderState(id)
	return known && gone
}

// loaderState says whether the loader id can be asked about here (a
// process of this machine, this boot and this user, or any user for root,
// with /proc to read) and, when it can, whether it is gone.
func loaderState(id string) (known, gone bool) {
	f := strings.Split(id, " ")
	if len(f) != 5 || f[1] == "" || f[4] == "" {
		return false, false
	}
	host, _ := os.Hostname()
	if f[0] != host || f[1] != bootID() {
		return false, false
	}
	if uid := os.Getuid(); uid != 0 && f[2] != strconv.Itoa(uid) {
		return false, false
	}
	pid, err := strconv.Atoi(f[3])
	if err != nil || pid <= 0 {
		return false, false
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return false, false // no /proc to ask
	}
	start, gone := procStart(pid)
	switch {
	case gone:
		return true, true
	case start == "":
		return false, false // there, but unreadable
	}
	return true, start != f[4]
}

// SweepLoading deletes every run left in state loading by a loader that
// is gone (see above; stale is the heartbeat age beyond which a loader
// that cannot be asked is taken as gone, LoadingStale in the commands)
// and returns their IDs.
func (s *sqlStore) SweepLoading(ctx context.Context, stale time.Duration) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, s.d.q(`SELECT id, started_at, loader, heartbeat FROM runs WHERE status = ?`), string(RunLoading))
	if err != nil {
		return nil, fmt.Errorf("store: find loading runs: %w", err)
	}
	type loading struct {
		id     int64
		beat   time.Time
		loader string
	}
	var found []loading
	for rows.Next() {
		var (
			l          loading
			start, hb  dbTime
			loaderCell sql.NullString
		)
		if err := rows.Scan(&l.id, &start, &loaderCell, &hb); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: find loading runs: %w", err)
		}
		l.beat, l.loader = start.T, loaderCell.String
		if hb.Valid {
			l.beat = hb.T
		}
		found = append(found, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find loading runs: %w", err)
	}
	var deleted []int64
	for _, l := range found {
		// A loader that can be asked is judged by whether it runs, never by
		// its heartbeat: a live load on a busy machine is never deleted.
		// One that cannot be asked is gone once its heartbeat is stale.
		if known, gone := loaderState(l.loader); known && !gone || !known && time.Since(l.beat) <= stale {
			continue
		}
		if err := s.DeleteRun(ctx, l.id); err != nil && !errors.Is(err, ErrNotFound) {
			return deleted, fmt.Errorf("store: delete run %d left loading: %w", l.id, err)
		}
		deleted = append(deleted, l.id)
	}
	return deleted, nil
}

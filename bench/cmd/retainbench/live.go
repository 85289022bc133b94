package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/coder/websocket"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

type liveResult struct {
	Subscribers    int                `json:"subscribers"`
	Replicas       int                `json:"replicas"`
	Alerts         int                `json:"alerts"`
	FramesExpected int                `json:"frames_expected"`
	FramesReceived int                `json:"frames_received"`
	P50            float64            `json:"commit_to_frame_p50_ms"`
	P99            float64            `json:"commit_to_frame_p99_ms"`
	Max            float64            `json:"commit_to_frame_max_ms"`
	PerReplicaP99  map[string]float64 `json:"per_replica_p99_ms"`
	// Where the time goes, per alert and replica: commit → the replica's
	// first frame (relay, NOTIFY, loading, first render and write), and
	// first → last frame of that replica (fan-out to its subscribers).
	FirstFrameP50     float64   `json:"commit_to_first_frame_p50_ms"`
	FirstFrameP99     float64   `json:"commit_to_first_frame_p99_ms"`
	FanOutP50         float64   `json:"fan_out_spread_p50_ms"`
	FanOutP99         float64   `json:"fan_out_spread_p99_ms"`
	RSSBeforeMB       []float64 `json:"rss_before_mb"`
	RSSAfterMB        []float64 `json:"rss_after_mb"`
	BytesPerConn      float64   `json:"rss_bytes_per_idle_connection"`
	HeapBytesPerConn  float64   `json:"heap_inuse_bytes_per_idle_connection"`
	StackBytesPerConn float64   `json:"stack_inuse_bytes_per_idle_connection"`
	LiveBytesPerConn  float64   `json:"heap_alloc_bytes_per_idle_connection"`
	GoroutinesPerConn float64   `json:"goroutines_per_idle_connection"`
	// The same for a second set of sockets opened while the first stays
	// open: what one more idle socket adds to a server whose heap has
	// already grown to its garbage collector's goal (see benchLive).
	WarmBytesPerConn      float64 `json:"warm_rss_bytes_per_idle_connection"`
	WarmHeapBytesPerConn  float64 `json:"warm_heap_inuse_bytes_per_idle_connection"`
	WarmStackBytesPerConn float64 `json:"warm_stack_inuse_bytes_per_idle_connection"`
	WarmLiveBytesPerConn  float64 `json:"warm_heap_alloc_bytes_per_idle_connection"`
	Note                  string  `json:"note,omitempty"`
}

type frame struct {
	id      string
	at      time.Time
	replica int
}

// subscriber is one graphql-transport-ws socket subscribed to alertRaised.
type subscriber struct {
	ws      *websocket.Conn
	replica int
	mu      sync.Mutex
	frames  []frame
}

func subscribe(ctx context.Context, addr, token string, replica int) (*subscriber, error) {
	ws, _, err := websocket.Dial(ctx, "ws://"+addr+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, err
	}
	ws.SetReadLimit(1 << 20)
	send := func(v any) error {
		b, _ := json.Marshal(v)
		return ws.Write(ctx, websocket.MessageText, b)
	}
	if err := send(map[string]any{"type": "connection_init", "payload": map[string]any{"authorization": "Bearer " + token}}); err != nil {
		return nil, err
	}
	_, b, err := ws.Read(ctx)
	if err != nil || !strings.Contains(string(b), "connection_ack") {
		return nil, fmt.Errorf("no connection_ack: %v %s", err, b)
	}
	if err := send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": "subscription { alertRaised { id } }"}}); err != nil {
		return nil, err
	}
	return &subscriber{ws: ws, replica: replica}, nil
}

// read records every alert frame with its arrival time until the socket
// closes. The client shares the machine with the servers, so it is kept
// cheap: no context per read (coder/websocket registers a callback for a
// context that can be cancelled) and no JSON decoding of frames, whose
// shape is known — the alert id is cut out of the bytes.
func (s *subscriber) read() {
	idKey := []byte(`"alertRaised":{"id":"`)
	for {
		_, b, err := s.ws.Read(context.Background())
		at := time.Now()
		if err != nil {
			return
		}
		switch {
		case bytes.Contains(b, []byte(`"type":"next"`)):
			i := bytes.Index(b, idKey)
			if i < 0 {
				continue
			}
			id := b[i+len(idKey):]
			if j := bytes.IndexByte(id, '"'); j >= 0 {
				s.mu.Lock()
				s.frames = append(s.frames, frame{id: string(id[:j]), at: at, replica: s.replica})
				s.mu.Unlock()
			}
		case bytes.Contains(b, []byte(`"type":"ping"`)):
			_ = s.ws.Write(context.Background(), websocket.MessageText, []byte(`{"type":"pong"}`))
		}
	}
}

// goroutines reads the goroutine count from a server's pprof listener.
func goroutines(srv *server) int {
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	var n int
	fmt.Sscanf(string(b), "goroutine profile: total %d", &n)
	return n
}

// memStats reads HeapInuse, StackInuse and HeapAlloc (live bytes) from a
// server's heap profile, after a GC.
func memStats(srv *server) (heap, stack, live int64) {
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/heap?debug=1&gc=1")
	if err != nil {
		return 0, 0, 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if i := strings.Index(string(b), "\n# runtime.MemStats"); i >= 0 {
		f, err := os.OpenFile(filepath.Join(dataDir, "profiles", "memstats-live.txt"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "== %s %s\n%s\n", srv.addr, time.Now().Format(time.TimeOnly), b[i:])
			f.Close()
		}
	}
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "# HeapInuse = "):
			fmt.Sscanf(line, "# HeapInuse = %d", &heap)
		case strings.HasPrefix(line, "# Stack = "):
			fmt.Sscanf(line, "# Stack = %d", &stack)
		case strings.HasPrefix(line, "# HeapAlloc = "):
			fmt.Sscanf(line, "# HeapAlloc = %d", &live)
		}
	}
	return heap, stack, live
}

// memSnapshot is the memory of the replicas at one moment.
type memSnapshot struct {
	rss, heap, stack, live int64
	goroutines             int
}

func snapshot(servers []*server) (sum memSnapshot, rssMB []float64) {
	for _, s := range servers {
		rss := rssOf(s.pid()) // before memStats, whose GC does not lower RSS anyway
		heap, stack, live := memStats(s)
		sum.rss, sum.heap, sum.stack, sum.live = sum.rss+rss, sum.heap+heap, sum.stack+stack, sum.live+live
		sum.goroutines += goroutines(s)
		rssMB = append(rssMB, round2(float64(rss)/(1<<20)))
	}
	return sum, rssMB
}

func benchLive(ctx context.Context, o options, dsn string, bench *bun.DB, rep *report) error {
	res := liveResult{Subscribers: o.subscribers, Replicas: 2, PerReplicaP99: map[string]float64{}}
	var servers []*server
	for _, name := range []string{"replica-a", "replica-b"} {
		s, err := startServer(name, dsn)
		if err != nil {
			return err
		}
		defer s.stop()
		servers = append(servers, s)
	}
	httpc := newHTTPClient(8)
	// Admin sessions see every customer, so every alert reaches every
	// subscriber: the largest fan-out. Tokens live 10 minutes; the phase is
	// shorter.
	var tokens []string
	for i := 0; i < 4; i++ {
		g, err := login(ctx, servers[i%2].addr, httpc, "admin@retain.demo")
		if err != nil {
			return err
		}
		tokens = append(tokens, g.token)
	}
	writer, err := signIn(ctx, servers[0], httpc, bench, "agent4@retain.demo")
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	subCtx, cancelSubs := context.WithCancel(ctx)
	defer cancelSubs()
	open := func() ([]*subscriber, error) {
		subs := make([]*subscriber, o.subscribers)
		var wg sync.WaitGroup
		errs := make(chan error, o.subscribers)
		sem := make(chan struct{}, 32)
		for i := range subs {
			wg.Add(1)
			sem <- struct{}{}
			go func(i int) {
				defer wg.Done()
				defer func() { <-sem }()
				s, err := subscribe(subCtx, servers[i%2].addr, tokens[i%len(tokens)], i%2)
				if err != nil {
					errs <- err
					return
				}
				subs[i] = s
				go s.read()
			}(i)
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return nil, fmt.Errorf("subscribing: %w", err)
		}
		time.Sleep(5 * time.Second) // idle
		return subs, nil
	}
	n := float64(o.subscribers)
	perConn := func(a, b int64) float64 { return round2(float64(b-a) / n) }

	// Cold: what opening the sockets added to freshly started replicas.
	// Their garbage collector runs with GOGC 400 (RETAIN_GC_PERCENT), whose
	// smallest heap goal is 16 MB: a process with a few MB live lets the
	// garbage of the connection set-up (HTTP request, authentication,
	// operation) grow its heap to that goal before collecting, and the
	// pages stay resident, so this RSS figure is mostly that fixed headroom
	// spread over the sockets, not memory the sockets hold.
	s0, rss0 := snapshot(servers)
	res.RSSBeforeMB = rss0
	subs, err := open()
	if err != nil {
		return err
	}
	s1, rss1 := snapshot(servers)
	res.RSSAfterMB = rss1
	res.BytesPerConn = perConn(s0.rss, s1.rss)
	res.HeapBytesPerConn = perConn(s0.heap, s1.heap)
	res.StackBytesPerConn = perConn(s0.stack, s1.stack)
	res.LiveBytesPerConn = perConn(s0.live, s1.live)
	res.GoroutinesPerConn = round2(float64(s1.goroutines-s0.goroutines) / n)
	logf("  idle: %.0f bytes RSS, %.0f bytes heap in use (%.0f live), %.0f bytes of goroutine stacks, %.2f goroutines per subscribed connection",
		res.BytesPerConn, res.HeapBytesPerConn, res.LiveBytesPerConn, res.StackBytesPerConn, res.GoroutinesPerConn)

	// Warm: as many sockets again while the first stay open, measured from
	// the first set's figures: what one more idle socket adds once the
	// heap has grown to its goal. These are closed before the alerts.
	second, err := open()
	if err != nil {
		return err
	}
	s2, _ := snapshot(servers)
	res.WarmBytesPerConn = perConn(s1.rss, s2.rss)
	res.WarmHeapBytesPerConn = perConn(s1.heap, s2.heap)
	res.WarmStackBytesPerConn = perConn(s1.stack, s2.stack)
	res.WarmLiveBytesPerConn = perConn(s1.live, s2.live)
	logf("  %d more idle sockets: %.0f bytes RSS, %.0f bytes heap in use (%.0f live), %.0f bytes of goroutine stacks per connection",
		o.subscribers, res.WarmBytesPerConn, res.WarmHeapBytesPerConn, res.WarmLiveBytesPerConn, res.WarmStackBytesPerConn)
	if top := heapTop(servers[0]); top != "" {
		rep.Profiles = append(rep.Profiles, profileTop{Name: fmt.Sprintf("heap in use on replica A with %d idle subscribed sockets", o.subscribers/2), Top: top})
	}

	for _, s := range second {
		_ = s.ws.CloseNow()
	}
	time.Sleep(time.Second)

	// Raise alerts: CRITICAL complaints opened through the API on replica A,
	// a few per second, each fanned out to every subscriber on both replicas.
	var ids []string
	// A CPU profile of each replica while the alerts flow.
	var profWG sync.WaitGroup
	for i, s := range servers {
		if !o.liveProfile {
			break
		}
		profWG.Add(1)
		go func() {
			defer profWG.Done()
			secs := max(1, int(o.duration/time.Second)-2)
			resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", s.pprof, secs))
			if err != nil {
				return
			}
			defer resp.Body.Close()
			if f, err := os.Create(filepath.Join(dataDir, "profiles", fmt.Sprintf("cpu-live-%c.pprof", 'a'+i))); err == nil {
				_, _ = io.Copy(f, resp.Body)
				f.Close()
			}
		}()
	}
	defer profWG.Wait()
	cpuSelf := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	selfBefore := cpuSelf()
	var srvBefore []time.Duration
	for _, s := range servers {
		c, _ := procStat(s.pid())
		srvBefore = append(srvBefore, c)
	}
	// The harness's own scheduling lag: a frame read late because the
	// harness stalled is not the servers' latency.
	lagDone := make(chan struct{})
	type lagResult struct {
		max time.Duration
		at  time.Time
	}
	lagOut := make(chan lagResult, 1)
	go func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		last := time.Now()
		var maxLag time.Duration
		var maxLagAt time.Time
		for {
			select {
			case <-lagDone:
				lagOut <- lagResult{maxLag, maxLagAt}
				return
			case now := <-t.C:
				if lag := now.Sub(last) - 10*time.Millisecond; lag > maxLag {
					maxLag, maxLagAt = lag, now
				}
				last = now
			}
		}
	}()
	deadline := time.Now().Add(o.duration)
	for i := 0; time.Now().Before(deadline); i++ {
		var out struct {
			OpenComplaint struct{ ID string } `json:"openComplaint"`
		}
		err := writer.do(ctx, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:QUALITY,severity:CRITICAL,description:"Broken on arrival"}){id}}`,
			map[string]any{"c": writer.customers[i%len(writer.customers)]}, &out)
		if err != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)
	close(lagDone)
	lag := <-lagOut
	logf("  harness scheduling lag: max %.1f ms at %s", float64(lag.max)/1e6, lag.at.Format("15:04:05.000"))
	cpuNote := fmt.Sprintf("CPU while alerts flowed: harness (1,000 client sockets) %.2f s", (cpuSelf() - selfBefore).Seconds())
	for i, s := range servers {
		c, _ := procStat(s.pid())
		cpuNote += fmt.Sprintf(", replica %c %.2f s", 'a'+i, (c - srvBefore[i]).Seconds())
	}
	logf("  %s", cpuNote)
	cancelSubs()
	var frames []frame
	for _, s := range subs {
		s.mu.Lock()
		frames = append(frames, s.frames...)
		s.mu.Unlock()
		_ = s.ws.CloseNow()
	}
	seen := map[string]bool{}
	for _, f := range frames {
		if !seen[f.id] {
			seen[f.id] = true
			ids = append(ids, f.id)
		}
	}
	commits := map[string]time.Time{}
	if len(ids) > 0 {
		rows, err := bench.QueryContext(ctx, "SELECT id::text, pg_xact_commit_timestamp(xmin) FROM alerts WHERE id = ANY(?::uuid[])", pgdialect.Array(ids))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var at *time.Time
			if err := rows.Scan(&id, &at); err != nil {
				rows.Close()
				return err
			}
			if at != nil {
				commits[id] = *at
			}
		}
		rows.Close()
	}
	var all []time.Duration
	per := map[int][]time.Duration{}
	for _, f := range frames {
		c, ok := commits[f.id]
		if !ok {
			continue
		}
		d := f.at.Sub(c)
		all = append(all, d)
		per[f.replica] = append(per[f.replica], d)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	type span struct{ first, last time.Time }
	spans := map[string]*span{}
	for _, f := range frames {
		k := fmt.Sprintf("%d %s", f.replica, f.id)
		sp := spans[k]
		if sp == nil {
			spans[k] = &span{f.at, f.at}
			continue
		}
		if f.at.Before(sp.first) {
			sp.first = f.at
		}
		if f.at.After(sp.last) {
			sp.last = f.at
		}
	}
	if f, err := os.Create(filepath.Join(dataDir, "profiles", "live-alerts.tsv")); err == nil {
		for k, sp := range spans {
			id := k[strings.IndexByte(k, ' ')+1:]
			fmt.Fprintf(f, "%s\t%s\t%s\t%s\t%s\n", id, k[:1], commits[id].Format("15:04:05.000000"),
				sp.first.Format("15:04:05.000000"), sp.last.Format("15:04:05.000000"))
		}
		f.Close()
	}
	var firsts, spreads []time.Duration
	for k, sp := range spans {
		id := k[strings.IndexByte(k, ' ')+1:]
		if c, ok := commits[id]; ok {
			firsts = append(firsts, sp.first.Sub(c))
			spreads = append(spreads, sp.last.Sub(sp.first))
		}
	}
	sort.Slice(firsts, func(i, j int) bool { return firsts[i] < firsts[j] })
	sort.Slice(spreads, func(i, j int) bool { return spreads[i] < spreads[j] })
	res.FirstFrameP50, res.FirstFrameP99 = pct(firsts, 0.5), pct(firsts, 0.99)
	res.FanOutP50, res.FanOutP99 = pct(spreads, 0.5), pct(spreads, 0.99)
	logf("  commit to a replica's first frame p50 %.2f ms p99 %.2f ms; first to last frame of a replica p50 %.2f ms p99 %.2f ms",
		res.FirstFrameP50, res.FirstFrameP99, res.FanOutP50, res.FanOutP99)
	res.Alerts = len(ids)
	res.FramesExpected = len(ids) * o.subscribers
	res.FramesReceived = len(frames)
	res.P50, res.P99 = pct(all, 0.5), pct(all, 0.99)
	if len(all) > 0 {
		res.Max = round2(float64(all[len(all)-1]) / float64(time.Millisecond))
	}
	var slow []string
	for _, f := range frames {
		if c, ok := commits[f.id]; ok && f.at.Sub(c) > 500*time.Millisecond {
			slow = append(slow, fmt.Sprintf("%s on %c at %s (%.0f ms)", f.id, 'a'+f.replica, f.at.Format("15:04:05.000"), float64(f.at.Sub(c))/1e6))
		}
	}
	if len(slow) > 0 {
		sort.Strings(slow)
		logf("  %d frames over 500 ms: %s", len(slow), strings.Join(slow[:min(len(slow), 10)], "; "))
	}
	for r, ds := range per {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		res.PerReplicaP99[[]string{"a (writer)", "b"}[r]] = pct(ds, 0.99)
	}
	logf("  %d alerts, %d/%d frames, commit-to-frame p50 %.2f ms p99 %.2f ms max %.2f ms (per replica p99 %v)",
		res.Alerts, res.FramesReceived, res.FramesExpected, res.P50, res.P99, res.Max, res.PerReplicaP99)
	rep.Live = res
	return nil
}

// heapTop saves a heap profile of srv and returns its top allocation sites
// by space in use.
func heapTop(srv *server) string {
	path := filepath.Join(dataDir, "profiles", "heap-idle-sockets.pprof")
	resp, err := http.Get("http://" + srv.pprof + "/debug/pprof/heap?gc=1")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return ""
	}
	_, _ = io.Copy(f, resp.Body)
	f.Close()
	out, err := exec.Command("go", "tool", "pprof", "-top", "-sample_index=inuse_space", "-nodecount=25", retainBin, path).CombinedOutput()
	if err != nil {
		return ""
	}
	return string(out)
}

package mock

import (
	"context"
	"net/http"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
)

// life tracks the goroutines a Server starts (one per push subscription)
// so that Close can stop them.
type life struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
	ctx    context.Context // ends with Close; push requests carry it
	cancel context.CancelFunc
	id     string // the value of the goroutines' pprof label "ewsmock"
	// ownClient is the default push client, made for this server: Close
	// closes its idle connections.
	ownClient *http.Client
}

// servers numbers the Servers of the process, for the goroutine labels.
var servers atomic.Uint64

func newLife() *life {
	l := &life{id: strconv.FormatUint(servers.Add(1), 10)}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l
}

// startPush starts the loop posting the notifications of push
// subscription sub, unless the server is closed (the subscription is then
// kept, as in the data file, but nothing is posted). The goroutine carries
// the pprof label ewsmock=<server number>, which tells the goroutines of
// one server in a goroutine profile.
func (s *Server) startPush(sub *subscription) {
	l := s.life
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		pprof.Do(l.ctx, pprof.Labels("ewsmock", l.id), func(context.Context) { s.pushLoop(sub) })
	}()
}

// Close stops everything the server started: the loops of push
// subscriptions (a notification being posted is cancelled) and the
// connections of the default push client, and open
// GetStreamingEvents responses, which end as when their connection
// timeout passes. It returns when they have stopped; after it, no push
// notification is sent. Subscriptions are kept (and, with a data file,
// saved as they were): a server started again from the file resumes them.
// Call it before http.Server.Shutdown of the server serving Handler,
// which waits for open streaming responses. Close is safe to call more
// than once; requests served after it are answered as before, but a push
// subscription they make posts nothing.
func (s *Server) Close() error {
	l := s.life
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.cancel()
	l.wg.Wait()
	if l.ownClient != nil {
		l.ownClient.CloseIdleConnections()
	}
	return nil
}

// closing returns a channel closed by Close.
func (s *Server) closing() <-chan struct{} { return s.life.ctx.Done() }

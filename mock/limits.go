package mock

import (
	"fmt"
)

// chunkSize is the number of ids a request handles per hold of the store
// lock: a large batch releases the lock between chunks so that other
// requests go on.
const chunkSize = 64

// checkBatch refuses a request carrying more than Limits.MaxBatch ids,
// changes or items, before any work is done, with a fault worded as
// Exchange words its array-size faults.
func (s *Server) checkBatch(n int) error {
	if max := s.opts.Limits.MaxBatch; n > max {
		return faultError("ErrorInvalidRequest", fmt.Sprintf("The request has too many entries. The allowed size = %d; the actual size = %d.", max, n))
	}
	return nil
}

// inChunks calls fn(i) for i in [0, n), holding s.mu (for writing when
// write is true) for at most chunkSize calls at a time.
func (s *Server) inChunks(n int, write bool, fn func(i int)) {
	s.inChunksOf(chunkSize, n, write, fn)
}

// inChunksOf is inChunks with size calls per hold of the lock: 1 for
// calls that may scan a whole folder (FindItem, FindFolder).
func (s *Server) inChunksOf(size, n int, write bool, fn func(i int)) {
	for start := 0; start < n; start += size {
		end := min(start+size, n)
		s.locked(write, func() {
			for i := start; i < end; i++ {
				fn(i)
			}
		})
	}
}

// locked runs fn holding s.mu, for writing when write is true; the lock is
// released even when fn panics.
func (s *Server) locked(write bool, fn func()) {
	if write {
		s.mu.Lock()
		defer s.mu.Unlock()
	} else {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	fn()
}

package mock

// delegate is a delegate of a mailbox: the user, the folder permission
// levels granted through the delegate operations, and its meeting options.
type delegate struct {
	user             *mailbox
	levels           map[string]string // distinguished folder → Exchange delegate level
	receiveCopies    bool
	viewPrivateItems bool
}

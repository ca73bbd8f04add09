package intake

// CommitBatch commits ds as one batch, as the batcher does, but without
// Accept's validation, so a test can make one delivery fail inside the
// transaction. It returns each delivery's outcome.
func (in *Intake) CommitBatch(ds ...Delivery) []error {
	batch := make([]*pending, len(ds))
	for i, d := range ds {
		batch[i] = &pending{d: d, done: make(chan struct{})}
	}
	in.commit(batch)
	errs := make([]error, len(ds))
	for i, p := range batch {
		<-p.done
		errs[i] = p.err
	}
	return errs
}

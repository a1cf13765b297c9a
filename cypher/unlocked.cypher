// Part in place of a lock (lock_pair, lock_invitation), nothing: a state query bound with it
// reads without writing, in a read transaction, the read a write is decided on.

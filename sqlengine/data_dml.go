package sqlengine

import (
	"context"

	"github.com/frostgate/frostgate/sferr"
)

// updateRows runs an UPDATE that go-mysql-server cannot run directly.
func (d *dataStore) updateRows(ctx context.Context, ds *dataSession, rw *rewritten, allowed *accessSet) (int64, error) {
	return 0, sferr.Unsupported("UPDATE ... FROM")
}

// deleteRows runs a DELETE that go-mysql-server cannot run directly.
func (d *dataStore) deleteRows(ctx context.Context, ds *dataSession, rw *rewritten, allowed *accessSet) (int64, error) {
	return 0, sferr.Unsupported("DELETE ... USING")
}

package sqlengine_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sqlengine"
)

// Sessions install, bind, use and drop applications at the same time (run
// under -race): each install runs its setup script while the others run
// theirs, and every application sees only its own bindings.
func TestConcurrentApplications(t *testing.T) {
	ctx := context.Background()
	eng := sqlengine.New(account.New(account.Config{}))
	eng.SetAppRoot(filepath.Join("..", "fixtures", "apps"))
	admin, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
	require.NoError(t, err)
	for _, q := range []string{
		"CREATE APPLICATION PACKAGE P",
		"ALTER APPLICATION PACKAGE P ADD VERSION V1 USING 'sample_app'",
		"CREATE DATABASE SHOP",
	} {
		mustExec(t, admin, q)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := eng.Open(ctx, sqlengine.Login{User: "ADMIN", Password: "admin"})
			if err != nil {
				errs <- err
				return
			}
			app, table := fmt.Sprintf("APP_%d", i), fmt.Sprintf("SHOP.PUBLIC.EXPORTS_%d", i)
			for round := 0; round < 3; round++ {
				for _, q := range []string{
					"CREATE APPLICATION " + app + " FROM APPLICATION PACKAGE P USING VERSION V1",
					"CREATE OR REPLACE TABLE " + table + " (NAME VARCHAR, VALUE VARCHAR)",
					"CALL " + app + ".CONFIG.REGISTER_SINGLE_REFERENCE('consumer_table', 'ADD', SYSTEM$REFERENCE('TABLE', '" +
						table + "', 'PERSISTENT', 'SELECT', 'INSERT'))",
					"CALL " + app + ".CONFIG.EXPORT_SETTINGS()",
				} {
					if _, err := s.Execute(ctx, q); err != nil {
						errs <- fmt.Errorf("%s: %w", q, err)
						return
					}
				}
				res, err := s.Execute(ctx, "CALL "+app+".CONFIG.COUNT_CONSUMER_ROWS()")
				if err != nil {
					errs <- err
					return
				}
				row := make([]any, 1)
				if err := res.Next(row); err != nil || row[0] != int64(1) {
					errs <- fmt.Errorf("%s counted %v (%v), want its own one row", app, row[0], err)
					return
				}
				if _, err := s.Execute(ctx, "DROP APPLICATION "+app); err != nil {
					errs <- err
					return
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	res, err := admin.Execute(ctx, "SHOW APPLICATIONS")
	require.NoError(t, err)
	require.Error(t, res.Next(make([]any, len(res.Columns()))), "every application was dropped")
}

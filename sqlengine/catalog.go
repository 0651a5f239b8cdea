package sqlengine

import (
	"sync"

	"github.com/frostgate/frostgate/emulator/account"
)

// The account is the source of truth for names, kinds, ownership and
// grants; it knows no SQL. What the data plane adds about a table or view
// (its columns and their Snowflake types, where its rows live, a view's
// body) is kept here, keyed by the account's ObjectID, which survives
// renames, moves to another schema, drops and undrops: none of those needs
// to touch this catalog.

// columnDef is one column of a table or view as Snowflake describes it.
type columnDef struct {
	name       string // stored identifier
	typ        sfType
	nullable   bool
	def        string // DEFAULT as written (normalized text), "" when none
	defSQL     string // the DEFAULT expression for go-mysql-server
	comment    string
	primaryKey bool // declared (Snowflake does not enforce it, except NOT NULL)
	unique     bool // declared, not enforced
}

// tableDef is where a table's rows live and what its columns are.
type tableDef struct {
	phys    string // the go-mysql-server database holding the rows, as table physTable
	columns []columnDef
	session int64 // the owning session of a temporary table; 0 when permanent
}

// viewDef is a view's body and what it returns.
type viewDef struct {
	query    string          // the body as written (Snowflake SQL)
	database string          // unqualified names in the body resolve in this database ...
	schema   string          // ... and schema: where the view was created
	columns  []columnDef     // the columns it returns, named as the column list says
	renamed  bool            // a column list was written: the body's columns get its names
	lateral  map[string]bool // lateral aliases of the body, found when it was created (lateral.go)
}

// catalog maps ObjectIDs to table and view definitions. Definitions are
// never changed in place once published, so a reader may keep using one
// after releasing the lock.
type catalog struct {
	mu     sync.RWMutex
	tables map[account.ObjectID]*tableDef
	views  map[account.ObjectID]*viewDef
	procs  map[account.ObjectID]*procDef // LANGUAGE SQL procedures (procedure.go)
}

func newCatalog() *catalog {
	return &catalog{tables: map[account.ObjectID]*tableDef{}, views: map[account.ObjectID]*viewDef{},
		procs: map[account.ObjectID]*procDef{}}
}

func (c *catalog) table(id account.ObjectID) *tableDef {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[id]
}

func (c *catalog) view(id account.ObjectID) *viewDef {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.views[id]
}

// publish runs create, which creates the object in the account, and
// records def under the ID it returns, holding the catalog's write lock
// throughout so that no session finds the new object without its
// definition. create returns 0 when it created nothing.
func (c *catalog) publish(create func() (account.ObjectID, error), table *tableDef, view *viewDef) (account.ObjectID, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, err := create()
	if err != nil || id == 0 {
		return id, err
	}
	if table != nil {
		c.tables[id] = table
	}
	if view != nil {
		c.views[id] = view
	}
	return id, nil
}

// forget removes a definition (a temporary table at the end of its session).
func (c *catalog) forget(id account.ObjectID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.tables, id)
	delete(c.views, id)
}

// temporaries returns the IDs of the temporary tables of one session.
func (c *catalog) temporaries(session int64) []account.ObjectID {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var ids []account.ObjectID
	for id, t := range c.tables {
		if t.session == session {
			ids = append(ids, id)
		}
	}
	return ids
}

// replaceTable publishes a table's new definition (ALTER TABLE changed its
// columns): readers holding the old one keep a consistent, older view.
func (c *catalog) replaceTable(id account.ObjectID, t *tableDef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tables[id] = t
}

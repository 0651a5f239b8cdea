package account

import "strings"

// What the application's owner sees and does about its bindings: SHOW
// REFERENCES IN APPLICATION and ALTER APPLICATION ... UNSET REFERENCES
// (spec §9.5).

// ReferenceRow is one row of SHOW REFERENCES IN APPLICATION.
type ReferenceRow struct {
	Name, Label, Description string
	Privileges               []string
	ObjectType               string
	MultiValued              bool
	Bound                    bool // false: the object and alias columns are NULL
	ObjectName               string
	Schema, Database         string // "" (NULL) for account-level objects
	Alias                    string
}

// ShowReferences is SHOW REFERENCES IN APPLICATION app: one row per
// binding of each definition of the current version, in the manifest's
// order, and one row with NULL object columns for a definition that is not
// bound. It needs OWNERSHIP of the application.
func (a *Account) ShowReferences(x *Actor, appName string) ([]ReferenceRow, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	x.refresh()
	_, app, err := a.ownedApp(x, appName)
	if err != nil {
		return nil, err
	}
	var rows []ReferenceRow
	for _, d := range app.refs.defs {
		row := ReferenceRow{Name: d.Name, Label: d.Label, Description: d.Description, Privileges: d.Privileges,
			ObjectType: d.ObjectType, MultiValued: d.MultiValued}
		bs := app.refs.bindings[d.Name]
		if len(bs) == 0 {
			rows = append(rows, row)
		}
		for _, b := range bs {
			det := detailOf(b)
			row.Bound, row.ObjectName, row.Alias = true, det.Name, b.alias
			row.Database, row.Schema = "", ""
			if det.Database != nil {
				row.Database = *det.Database
			}
			if det.Schema != nil {
				row.Schema = *det.Schema
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// UnsetReferences is ALTER APPLICATION app UNSET REFERENCES [(name [,
// alias])]: without a name every binding goes; with a name, that
// definition's (or, with an alias, that one binding). It needs OWNERSHIP of
// the application. A name the current version does not define may still be
// unset (its bindings outlived an upgrade).
func (a *Account) UnsetReferences(x *Actor, appName, name, alias string, hasName, hasAlias bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, app, err := a.ownedApp(x, appName)
	if err != nil {
		return err
	}
	if !hasName {
		app.refs.bindings = map[string][]*binding{}
		return nil
	}
	name = strings.ToUpper(name)
	bs, bound := app.refs.bindings[name]
	if app.refs.def(name) == nil && !bound {
		return defGone(name, o.name)
	}
	if !hasAlias {
		delete(app.refs.bindings, name)
		return nil
	}
	for i, b := range bs {
		if b.alias == alias {
			app.refs.bindings[name] = append(bs[:i:i], bs[i+1:]...)
			return nil
		}
	}
	return invalid("Alias '%s' is not associated with reference '%s'.", alias, name)
}

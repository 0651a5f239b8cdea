package account

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
)

// Reference definitions and their bindings, per installed application
// (spec native-apps B.2-B.3, §9.4-9.5). A definition comes from the
// manifest of the application's current version; a binding associates a
// definition with an object in the consumer account through a reference
// the consumer made with SYSTEM$REFERENCE. The binding keeps a persistent
// copy of that reference: the creator's roles, checked whenever the
// application uses the binding (binding_use.go).

// RefDefinition is one entry of a manifest's references: what sqlengine
// read with nativeapp, in the account's terms.
type RefDefinition struct {
	Name                  string // upper case
	Label, Description    string
	Privileges            []string // upper case, as written
	ObjectType            string   // normalized: TABLE, VIEW, EXTERNAL ACCESS INTEGRATION, ...
	MultiValued           bool
	RegisterCallback      string
	ConfigurationCallback string
	RequiredAtSetup       bool
}

// appRefs is an application's reference definitions (those of its current
// version) and its bindings, which outlive a definition that an upgrade
// removes (they become unusable).
type appRefs struct {
	defs     []RefDefinition
	bindings map[string][]*binding // by definition name, oldest first
	seq      int                   // aliases handed out so far
}

// binding is one association of a definition with a consumer object.
type binding struct {
	alias string
	ref   *reference // a persistent copy of the consumer's reference
}

func newAppRefs(v *AppVersion) *appRefs {
	return &appRefs{defs: append([]RefDefinition(nil), v.References...), bindings: map[string][]*binding{}}
}

func (r *appRefs) def(name string) *RefDefinition {
	for i := range r.defs {
		if r.defs[i].Name == name {
			return &r.defs[i]
		}
	}
	return nil
}

// actingApp returns the application x acts as, or the error reference
// functions give outside one ("The reference() functions ... can only be
// called in a stored procedure in the APPLICATION object").
func (a *Account) actingApp(x *Actor) (*object, *application, *Error) {
	if x.app == 0 || a.apps[x.app] == nil {
		return nil, nil, invalid("Reference functions can only be called from within an application.")
	}
	return a.objects[x.app], a.apps[x.app], nil
}

// appDef finds the definition name (any case) of the application x acts as.
func (a *Account) appDef(x *Actor, name string) (*object, *application, *RefDefinition, *Error) {
	o, app, err := a.actingApp(x)
	if err != nil {
		return nil, nil, nil, err
	}
	d := app.refs.def(strings.ToUpper(name))
	if d == nil {
		return nil, nil, nil, defGone(strings.ToUpper(name), o.name)
	}
	return o, app, d, nil
}

// defGone is the error for a definition the application's current version
// does not have (spec B.3; also Frostgate's answer for a name never defined).
func defGone(name, app string) *Error {
	return invalid("Reference definition '%s' cannot be found in the current version of the application '%s'", name, app)
}

// boundReference checks that token is a reference the definition d may be
// bound to and returns its persistent copy.
func (a *Account) boundReference(x *Actor, d *RefDefinition, token string) (*reference, *Error) {
	r, ok := a.refs[token]
	if !ok || r.query != "" {
		return nil, invalid("Invalid reference string '%s'.", token)
	}
	if r.scope != ScopePersistent && r.session != x.sessionID {
		return nil, &Error{Code: ErrRefInvalid}
	}
	if typ := strings.ReplaceAll(r.typ, "_", " "); typ != d.ObjectType {
		return nil, invalid("Object type %s of the reference does not match the object type %s of reference definition '%s'.",
			typ, d.ObjectType, d.Name)
	}
	var missing []string
	for _, p := range d.Privileges {
		if pv, ok := PrivilegeByName(p); !ok || !r.privs.Has(pv) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return nil, invalid("The reference does not carry the privileges reference definition '%s' requires: %s.",
			d.Name, strings.Join(missing, ", "))
	}
	c := *r
	c.scope = ScopePersistent
	c.path = append([]string(nil), r.path...)
	c.secondary = append([]PrincipalID(nil), r.secondary...)
	return &c, nil
}

func (r *appRefs) newAlias() string {
	r.seq++
	return "REF_" + strconv.Itoa(r.seq)
}

// SetReference is SYSTEM$SET_REFERENCE(name, token) in the application x
// acts as: it binds a single-valued definition, replacing any binding, and
// returns the new binding's alias.
func (a *Account) SetReference(x *Actor, name, token string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	if d.MultiValued {
		return "", invalid("SYSTEM$SET_REFERENCE cannot be used with multi-valued reference '%s'; use SYSTEM$ADD_REFERENCE.", d.Name)
	}
	r, err := a.boundReference(x, d, token)
	if err != nil {
		return "", err
	}
	b := &binding{alias: app.refs.newAlias(), ref: r}
	app.refs.bindings[d.Name] = []*binding{b}
	return b.alias, nil
}

// AddReference is SYSTEM$ADD_REFERENCE(name, token): it adds a binding to
// a multi-valued definition, or binds an unbound single-valued one, and
// returns the binding's alias.
func (a *Account) AddReference(x *Actor, name, token string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	if !d.MultiValued && len(app.refs.bindings[d.Name]) > 0 {
		return "", invalid("Reference '%s' is single-valued and already bound; use SYSTEM$SET_REFERENCE to replace the association.", d.Name)
	}
	r, err := a.boundReference(x, d, token)
	if err != nil {
		return "", err
	}
	b := &binding{alias: app.refs.newAlias(), ref: r}
	app.refs.bindings[d.Name] = append(app.refs.bindings[d.Name], b)
	return b.alias, nil
}

// RemoveReference is SYSTEM$REMOVE_REFERENCE(name [, alias]): it removes one
// binding and returns its alias. A multi-valued definition needs the alias;
// a single-valued one that is not bound gives "" (NULL).
func (a *Account) RemoveReference(x *Actor, name, alias string, hasAlias bool) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	bs := app.refs.bindings[d.Name]
	i, err := pickBinding(d, bs, alias, hasAlias)
	if err != nil {
		return "", err
	}
	if i < 0 {
		return "", nil
	}
	removed := bs[i].alias
	app.refs.bindings[d.Name] = append(bs[:i:i], bs[i+1:]...)
	return removed, nil
}

// pickBinding finds the binding alias names among bs: the alias is required
// for a multi-valued definition; for a single-valued one it may be omitted.
// -1 means nothing is bound (single-valued, no alias).
func pickBinding(d *RefDefinition, bs []*binding, alias string, hasAlias bool) (int, *Error) {
	if !hasAlias {
		if d.MultiValued {
			return 0, invalid("An alias is required for multi-valued reference '%s'.", d.Name)
		}
		if len(bs) == 0 {
			return -1, nil
		}
		return 0, nil
	}
	for i, b := range bs {
		if b.alias == alias {
			return i, nil
		}
	}
	return 0, invalid("Alias '%s' is not associated with reference '%s'.", alias, d.Name)
}

// RemoveAllReferences is SYSTEM$REMOVE_ALL_REFERENCES(name): it removes
// every binding of the definition and returns their aliases as a JSON array.
func (a *Account) RemoveAllReferences(x *Actor, name string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	aliases := []string{}
	for _, b := range app.refs.bindings[d.Name] {
		aliases = append(aliases, b.alias)
	}
	delete(app.refs.bindings, d.Name)
	return jsonText(aliases), nil
}

// boundDetail is one element of SYSTEM$GET_ALL_REFERENCES(name, TRUE).
type boundDetail struct {
	Alias    string  `json:"alias"`
	Database *string `json:"database"`
	Schema   *string `json:"schema"`
	Name     string  `json:"name"`
}

// GetAllReferences is SYSTEM$GET_ALL_REFERENCES(name [, details]): the
// aliases of the definition's bindings as a JSON array (empty when
// unbound), or with details an array of {alias, database, schema, name},
// database and schema null for account-level objects.
func (a *Account) GetAllReferences(x *Actor, name string, details bool) (string, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	var v any
	if details {
		list := []boundDetail{}
		for _, b := range app.refs.bindings[d.Name] {
			list = append(list, detailOf(b))
		}
		v = list
	} else {
		list := []string{}
		for _, b := range app.refs.bindings[d.Name] {
			list = append(list, b.alias)
		}
		v = list
	}
	return jsonText(v), nil
}

func detailOf(b *binding) boundDetail {
	p := b.ref.path
	d := boundDetail{Alias: b.alias, Name: p[len(p)-1]}
	if len(p) >= 2 {
		d.Database = &p[0]
	}
	if len(p) == 3 {
		d.Schema = &p[1]
	}
	return d
}

// ReferencedObjectIDHash is SYSTEM$GET_REFERENCED_OBJECT_ID_HASH(name [,
// alias]): the lower-case hex SHA-256 of the identity of the object the
// binding names now. It changes when the object is dropped and another
// created under its name, not when its data changes; a binding whose object
// is gone is invalid (505001).
func (a *Account) ReferencedObjectIDHash(x *Actor, name, alias string, hasAlias bool) (string, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	_, app, d, err := a.appDef(x, name)
	if err != nil {
		return "", err
	}
	bs := app.refs.bindings[d.Name]
	i, err := pickBinding(d, bs, alias, hasAlias)
	if err != nil {
		return "", err
	}
	if i < 0 {
		return "", unbound(d.Name)
	}
	r := bs[i].ref
	o := a.lookup(r.kind, r.path, r.args)
	if o == nil || o.dropped {
		return "", &Error{Code: ErrRefInvalid}
	}
	sum := sha256.Sum256([]byte(a.cfg.Name + "/" + strconv.FormatUint(uint64(o.id), 10)))
	return hex.EncodeToString(sum[:]), nil
}

func unbound(name string) *Error {
	return invalid("Reference '%s' is not bound to an object.", name)
}

// jsonText renders v as compact JSON, leaving <, > and & as they are
// (identifiers may hold them; Snowflake prints JSON without HTML escapes).
func jsonText(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

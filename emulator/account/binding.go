package account

// Reference definitions and their bindings, per installed application
// (spec native-apps B.2-B.3, §9.4-9.5).

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
// version) and its bindings.
type appRefs struct {
	defs []RefDefinition
}

func newAppRefs(v *AppVersion) *appRefs {
	return &appRefs{defs: append([]RefDefinition(nil), v.References...)}
}

package account

// ALTER APPLICATION ... SET / UNSET of the properties Frostgate keeps, which
// snowflake-cli's `snow app run` sends after installing in development mode
// (docs/compatibility.md G.5).

// AppSetting is one property ALTER APPLICATION SET or UNSET names.
type AppSetting struct {
	Key   string // DEBUG_MODE or COMMENT
	Value string // SET: the value ("TRUE"/"FALSE" for DEBUG_MODE)
	Unset bool
}

// AlterApplicationSettings is ALTER APPLICATION name SET | UNSET for the
// application's owner. DEBUG_MODE is only recorded (DESCRIBE APPLICATION
// prints it): Frostgate has no debug-mode visibility rules, every
// application's objects are hidden from its owner alike; UNSET DEBUG_MODE
// sets it FALSE.
func (a *Account) AlterApplicationSettings(x *Actor, name string, settings []AppSetting) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	x.refresh()
	o, app, err := a.ownedApp(x, name)
	if err != nil {
		return err
	}
	for _, s := range settings {
		switch s.Key {
		case "DEBUG_MODE":
			app.debug = !s.Unset && s.Value == "TRUE"
		case "COMMENT":
			o.comment = ""
			if !s.Unset {
				o.comment = s.Value
			}
		}
	}
	return nil
}

package sqlengine

import (
	"strings"
	"sync"

	"github.com/frostgate/frostgate/emulator/account"
)

// Bindings stands in for an application's bound references until
// applications are installed: reference('name') on the engine resolves
// through the SYSTEM$REFERENCE string bound to NAME (case-insensitive),
// exactly as that string written as a table or procedure name would; an
// unbound name goes to the account (Account.UseBinding).
type Bindings struct {
	mu     sync.Mutex
	tokens map[string]string
}

// BindForTest installs b on e and returns a func that removes it. Call it
// before the engine's sessions run statements.
func BindForTest(e *Engine) (b *Bindings, restore func()) {
	b = &Bindings{tokens: map[string]string{}}
	e.bindingHook = func(x *account.Actor, name, alias string, op account.Op) (account.RefTarget, error) {
		b.mu.Lock()
		token, ok := b.tokens[strings.ToUpper(name)]
		b.mu.Unlock()
		if !ok {
			return e.acct.UseBinding(x, name, alias, op)
		}
		t, _, err := e.acct.UseReference(x, token, op)
		return t, err
	}
	return b, func() { e.bindingHook = nil }
}

// Bind binds name to the reference string token (replacing any binding).
func (b *Bindings) Bind(name, token string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens[strings.ToUpper(name)] = token
}

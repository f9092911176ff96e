package store_test

import (
	"reflect"
	"testing"

	"chitieu/store"
)

// TestNoPartIsTooBig holds the store split by what it keeps: no type of it
// with more than 40 exported methods, and every part reached from Store.
func TestNoPartIsTooBig(t *testing.T) {
	st := reflect.TypeOf(store.Store{})
	parts := 0
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.IsExported() {
			continue
		}
		parts++
		if n := f.Type.NumMethod(); n > 40 || n == 0 {
			t.Errorf("store.%s has %d exported methods, want 1 to 40", f.Type.Name(), n)
		}
	}
	if parts < 9 {
		t.Errorf("Store has %d parts, want the nine DESIGN names", parts)
	}
	if n := reflect.TypeOf(&store.Store{}).NumMethod(); n > 40 {
		t.Errorf("*store.Store has %d exported methods, want at most 40", n)
	}
}

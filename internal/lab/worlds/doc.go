// Package worlds builds the lab's hand-written worlds: Default, the
// scenario world (a root, a TLD "test.", two hosting providers, healthy
// controls, one domain per check and hostile domains), and Chain, the
// smallest chain of trust (the root, "test." and "example.test."), which
// the DNSSEC tests vary case by case.
package worlds

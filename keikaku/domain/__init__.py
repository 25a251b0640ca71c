"""Pure domain layer: plan vocabulary, the plan-file schema and value rules. No I/O."""

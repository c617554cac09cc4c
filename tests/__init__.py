"""megaroth\x27s test suite."""

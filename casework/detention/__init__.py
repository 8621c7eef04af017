"""Field offices: visits to places of detention, individual cases and releases."""

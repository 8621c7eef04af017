"""Field offices' detention work: places of detention (`places`), visits to them (`visits`), and
individual cases and releases (`cases`). What the three share (who may see what, the filters of
the lists, the detained person, running numbers) is here; `module.py` declares it all to the app."""

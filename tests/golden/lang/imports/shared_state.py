# Every importer sees the one module object, so module-level state is shared.
import mod_state
import mod_user_a
import mod_user_b

print(mod_state.items)
mod_state.total += 5
print(mod_state.report())
from mod_state import items

items.append("main")
print(mod_state.items is items, len(mod_state.items))

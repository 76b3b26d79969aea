import mod_state

mod_state.add("from a")

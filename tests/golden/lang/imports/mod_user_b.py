from mod_state import add, items

add("from b")
items.append("b direct")

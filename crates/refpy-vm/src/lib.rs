//! refpy-vm.

# Objects rebuilt when the flags they were built with change. Each build directory keeps the
# flags of every command its rules run (compile, assemble, link) in DIR/flags, and every
# object and image there depends on that file. While make reads the makefiles, the file is
# compared with the flags of this make and rewritten only when its text differs, so changed
# flags (a Makefile edit, KCFLAGS=, MEM_MB= in examples/embed) rebuild the whole directory and
# unchanged ones rebuild nothing: a make with nothing to do stays one.
# Included by the Makefile (fuzz/fuzz.mk uses it too) and by examples/embed/Makefile.
#
# Use: a variable holding the directory's flags, set with := after their last change
# (target-specific additions, such as lib/string.o's, listed in it by name), then
#   $(OBJS) $(IMAGE): $(call build_flags,DIR,VARIABLE)

# $(call build_flags,DIR,VARIABLE): DIR/flags, rewritten first if it does not hold $(VARIABLE).
# (Called in a rule's prerequisites as make reads them: GNU make 4.3 compared these texts
# wrongly now and then when it expanded them a second time, in .SECONDEXPANSION.)
build_flags = $(if $(call same_text,$(file <$1/flags),$($2)),,$(call write_flags,$1,$2))$1/flags
write_flags = $(shell mkdir -p $1)$(file >$1/flags,$($2))

# $(call same_text,A,B): non-empty if A and B are the same (non-empty) text.
same_text = $(and $(findstring $1,$2),$(findstring $2,$1))

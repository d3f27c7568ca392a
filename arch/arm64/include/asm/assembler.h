/* Assembly helpers shared by the .S files of arch/arm64. */
#ifndef _ASM_ASSEMBLER_H
#define _ASM_ASSEMBLER_H

#ifdef __ASSEMBLY__
/* adr_l reg, sym: the address of @sym, anywhere within 4 GiB of the pc (adrp + add). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/* _ASM_EXTABLE insn, fixup, type: one entry of struct exception_table_entry. */
.macro _ASM_EXTABLE insn, fixup, type
	.pushsection __ex_table, "a"
	.balign	8
	.dword	\insn, \fixup, \type
	.popsection
.endm
#endif

#endif /* _ASM_ASSEMBLER_H */

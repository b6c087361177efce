/** A report names the commit its plan is at: masked where a test compares reports made in different checkouts. */
export const maskRevision = (text: string) => text.replace(/(plan at |plan à la révision |계획 리비전 |committed at |validé à la révision |리비전 )[0-9a-f]{12}( \([^)]*\))?/g, '$1REVISION');

/**
 * Dialogs (RFC 3261 §12): created from a request and a 1xx/2xx carrying a To tag, early then
 * confirmed; route sets from Record-Route; remote target refresh; CSeq ordering; construction of
 * in-dialog requests. Sits on the transaction layer and passes requests up to the UA core.
 */
package org.callway.sip.dialog;

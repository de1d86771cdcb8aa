/**
 * The storage ports an adapter implements. The contract is in each interface's javadoc and is
 * proven by the contract tests in crm-tck.
 */
@NullMarked
package dev.rapport.crm.spi;

import org.jspecify.annotations.NullMarked;

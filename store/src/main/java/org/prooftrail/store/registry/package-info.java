/**
 * The registry: who may send (organisations, devices, device keys) and what is traced (products,
 * lots, items). One writer class per table, one conflict rule for all of them: an identifier names one
 * thing for good and no registration overwrites an existing row.
 *
 * <table>
 *   <caption>Writers and what a taken identifier gets</caption>
 *   <tr><th>table</th><th>writer</th><th>API create (409)</th><th>re-run set-ups (same values accepted)</th></tr>
 *   <tr><td>organisation</td><td>{@link org.prooftrail.store.registry.Organisations}</td><td>create</td><td>ensure</td></tr>
 *   <tr><td>device, device_key</td><td>{@link org.prooftrail.store.registry.DeviceRegistry}</td><td>create</td>
 *       <td>registerDevice, addKey</td></tr>
 *   <tr><td>product</td><td>{@link org.prooftrail.store.registry.Products}</td><td>create</td><td>ensure</td></tr>
 *   <tr><td>lot</td><td>{@link org.prooftrail.store.registry.Lots}</td><td>create</td><td>(none)</td></tr>
 *   <tr><td>item</td><td>{@link org.prooftrail.store.registry.Items}</td><td>issue: drawn collisions are drawn
 *       again</td><td>add: chosen serials, a taken one is a conflict</td></tr>
 *   <tr><td>write_grant</td><td>{@link org.prooftrail.store.registry.WriteGrants}</td><td>grant (never a
 *       conflict: a grant is a new row), revoke</td><td>(none)</td></tr>
 * </table>
 * A clash is a {@link org.prooftrail.store.registry.RegistryConflict} naming the field at fault.
 */
package org.prooftrail.store.registry;

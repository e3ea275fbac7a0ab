package org.prooftrail.api.registry;

import java.net.URI;
import java.net.URISyntaxException;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.labels.LabelRoutes;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.identifiers.ItemSerial;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;
import org.prooftrail.store.envelopes.DeviceGaps;
import org.prooftrail.store.envelopes.StreamResets;
import org.prooftrail.store.registry.DeviceHealth;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Products;

/**
 * The registry: organisations, tokens and console accounts (admin), devices and their missing envelopes, products, lots
 * and items (companies, each for its own organisation; regulators read all), print-ready labels, and the
 * owners' write grants to other organisations and their disclosure policies.
 */
public final class RegistryRoutes implements ApiFeature {
    /** The resolver that item Digital Links point at: what a phone opens when it scans a label. */
    public static final String RESOLVER_BASE_URL = "PT_RESOLVER_BASE_URL";
    public static final String DEFAULT_RESOLVER_BASE_URL = "http://127.0.0.1:8080";

    private final ApiContext c;
    private final String resolverBase;

    public RegistryRoutes(ApiContext c) {
        this.c = c;
        this.resolverBase = resolverBase(c.settings().string(RESOLVER_BASE_URL, DEFAULT_RESOLVER_BASE_URL));
    }

    @Override
    public void mount(ApiMount m) {
        javax.sql.DataSource db = c.db().dataSource();
        Organisations orgs = new Organisations(db);
        Products products = new Products(db);
        Lots lots = new Lots(db);
        ProductAccess access = new ProductAccess(m.workers().queries(), m.auth(), products, lots);
        Items items = new Items(db);
        new OrganisationRoutes(orgs, c.auth()).mount(m);
        new AccountRoutes(new Accounts(db), new ConsoleSessions(db), orgs).mount(m);
        new DeviceRoutes(new DeviceRegistry(db), orgs).mount(m);
        new DeviceGapRoutes(new DeviceRegistry(db), new DeviceGaps(db)).mount(m);
        new DeviceStreamRoutes(new DeviceRegistry(db), new StreamResets(db)).mount(m);
        new DeviceHealthRoutes(new DeviceRegistry(db), new DeviceHealth(db), orgs).mount(m);
        new DeviceKeyRoutes(new DeviceRegistry(db), new DeviceHealth(db)).mount(m);
        new ProductRoutes(products, lots, access, orgs).mount(m);
        new ProductListRoutes(products, lots, access).mount(m);
        new ProductEditRoutes(products, lots, access).mount(m);
        new ItemRoutes(access, new ItemIssuer(items, new ItemSerial(), resolverBase), items).mount(m);
        new LabelRoutes(access, items).mount(m);
        new GrantRoutes(new org.prooftrail.store.registry.WriteGrants(db), orgs, products, lots).mount(m);
        new DisclosurePolicyRoutes(new org.prooftrail.store.registry.DisclosurePolicies(db), orgs).mount(m);
        new ShareRoutes(new org.prooftrail.store.registry.Shares(db), orgs, products, lots).mount(m);
    }

    static String resolverBase(String raw) {
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(raw, "not an http(s) URL without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(RESOLVER_BASE_URL, "must be the resolver's public http(s) base URL such as "
                    + "https://id.example.com, got '" + raw + "'");
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }
}

package org.prooftrail.api.epcis;

import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.epcis.EventFeed;
import org.prooftrail.store.epcis.EventSearch;
import org.prooftrail.store.subscriptions.NamedQueries;
import org.prooftrail.store.subscriptions.SubscriptionOutbox;
import org.prooftrail.store.subscriptions.Subscriptions;

/**
 * EPCIS 2.0 named queries and webhook subscriptions (GS1 REST bindings), and the worker that
 * delivers them. Companies and regulators manage their own; see {@link NamedQueryDefinition#scope}.
 */
public final class SubscriptionsFeature implements ApiFeature, AutoCloseable {
    private final ApiContext c;
    private final EpcisSettings epcis;
    private final SubscriptionSettings settings;
    private SubscriptionDeliverer deliverer;

    public SubscriptionsFeature(ApiContext c) {
        this.c = c;
        this.epcis = EpcisSettings.from(c.settings());
        this.settings = SubscriptionSettings.from(c.settings());
    }

    @Override
    public void mount(ApiMount m) {
        var db = c.db().dataSource();
        NamedQueries queries = new NamedQueries(db);
        EventFeed feed = new EventFeed(db);
        WebhookDestinations destinations = new WebhookDestinations(settings);
        // Pages of named-query results are bound to the query's own path, so the /epcis/events key serves both.
        PageToken tokens = new PageToken(ServerAttestation.load(epcis).pageTokenKey());
        NamedQueryRoutes named = new NamedQueryRoutes(m.workers().queries(), epcis, queries, new EventSearch(db), tokens);
        SubscriptionRoutes subs = new SubscriptionRoutes(m.workers().queries(), queries, new Subscriptions(db), feed,
                destinations, c.metrics());
        var both = m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR);
        m.operation("createQuery").addHandler(both).addHandler(named::create);
        m.operation("listQueries").addHandler(both).addHandler(named::list);
        m.operation("getQuery").addHandler(both).addHandler(named::one);
        m.operation("deleteQuery").addHandler(both).addHandler(named::delete);
        m.operation("getQueryEvents").addHandler(both).addHandler(named::events);
        m.operation("createSubscription").addHandler(both).addHandler(subs::create);
        m.operation("listSubscriptions").addHandler(both).addHandler(subs::list);
        m.operation("getSubscription").addHandler(both).addHandler(subs::one);
        m.operation("deleteSubscription").addHandler(both).addHandler(subs::delete);
        if (settings.deliver()) {
            deliverer = new SubscriptionDeliverer(m.vertx(), settings, epcis, new SubscriptionOutbox(db), feed, destinations,
                    c.metrics());
            deliverer.start();
        }
    }

    @Override
    public void close() {
        if (deliverer != null) {
            deliverer.close();
        }
    }
}

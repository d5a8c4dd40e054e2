package dev.nightshift.backup.notify;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Gives every job (backup, restore, sync, and any added later) the failure alert and the pings. */
@Component
class NotificationListenerRegistrar implements BeanPostProcessor {

    private final ObjectProvider<Notifier> notifier;

    NotificationListenerRegistrar(ObjectProvider<Notifier> notifier) {
        this.notifier = notifier;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobNotifications(notifier.getObject()));
        }
        return bean;
    }
}
